import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { OrgType, PartnerRole, Role, User } from '#db/schema.ts'
import { hashToken, newId, newToken, slugify } from '#app/lib/ids.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { DomainError } from '#app/domain/errors.ts'
import { type PartnerCoverage, setPartnerCoverage } from '#app/domain/partners/profile.ts'
import { audit } from '#app/domain/audit/log.ts'
import { type Principal, requiresTotp } from './authorize.ts'
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from './passwords.server.ts'
import { destroyOtherSessions, destroyUserSessions, loadGrants } from './sessions.ts'
import { queueEmailVerification } from './email-verification.server.ts'
import { deliverEmail } from '#app/integrations/email.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { parseLang } from '#app/i18n/index.ts'

export const RESET_TOKEN_MINUTES = 60

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

async function assertEmailFree(db: DB, email: string) {
  const taken = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (taken) throw new DomainError('signup.emailTaken', 'email')
}

/**
 * The one place a user row is made (sign-up, an accepted invitation, the first admin). The
 * password arrives hashed: hashing is slow, so callers do it before their transaction. The
 * address counts as confirmed unless `unconfirmed` (sign-up): an invitation or a first-admin link
 * reached it already (ADR 033).
 */
export async function insertUser(
  db: DB,
  input: {
    email: string
    name: string
    passwordHash: string
    locale?: string
    unconfirmed?: boolean
    termsVersion?: string | null
  },
) {
  const now = nowIso()
  const user = {
    id: newId(),
    email: normalizeEmail(input.email),
    name: input.name.trim(),
    password_hash: input.passwordHash,
    totp_secret_enc: null,
    totp_enabled_at: null,
    locale: input.locale ?? 'id',
    created_at: now,
    updated_at: now,
    disabled_at: null,
    email_verified_at: input.unconfirmed ? null : now,
    terms_version: input.termsVersion ?? null,
    terms_accepted_at: input.termsVersion ? now : null,
  }
  await db.insertInto('users').values(user).execute()
  return user
}

export async function grant(
  db: DB,
  userId: string,
  role: Role,
  scope: {
    kanwilId?: string | null
    uptId?: string | null
    partnerId?: string | null
    partnerRole?: PartnerRole | null
  },
  createdBy: string | null,
) {
  await db
    .insertInto('role_assignments')
    .values({
      id: newId(),
      user_id: userId,
      role,
      kanwil_id: scope.kanwilId ?? null,
      upt_id: scope.uptId ?? null,
      partner_id: scope.partnerId ?? null,
      partner_role: scope.partnerRole ?? null,
      created_at: nowIso(),
      created_by: createdBy,
      revoked_at: null,
    })
    .execute()
}

export async function uniquePartnerSlug(db: DB, name: string): Promise<string> {
  const base = slugify(name) || 'mitra'
  for (let i = 0; ; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`
    const hit = await db.selectFrom('partners').select('id').where('slug', '=', slug).executeTakeFirst()
    if (!hit) return slug
  }
}

export interface PartnerSignup {
  name: string
  email: string
  password: string
  orgName: string
  orgType: OrgType
  phone?: string | null
  /** Optional at sign-up (the profile page sets them later otherwise); checked like the profile's. */
  coverage?: PartnerCoverage
  locale?: string
  ip?: string | null
  /** The version of the terms and privacy policy the person accepted on the form (LEGAL_VERSION). */
  termsVersion: string
  /** Where the confirmation link points (the install's APP_URL by default). */
  appUrl?: string
}

/**
 * Sign-up records the accepted terms version and time, leaves the address unconfirmed and emails
 * a confirmation link, queued in the sign-up's transaction and delivered after it commits.
 */
async function afterSignup(trx: DB, userId: string, input: { appUrl?: string; locale?: string }) {
  return queueEmailVerification(trx, {
    userId,
    appUrl: input.appUrl ?? getEnv().appUrl,
    lang: parseLang(input.locale ?? 'id') ?? 'id',
  })
}

/** A new partner organisation (pending verification) with its first member as owner. */
export async function signUpPartner(db: DB, input: PartnerSignup) {
  const email = normalizeEmail(input.email)
  await assertEmailFree(db, email)
  const passwordHash = await hashPassword(input.password)
  const result = await inTransaction(db, async (trx) => {
    await assertEmailFree(trx, email)
    const user = await insertUser(trx, { ...input, passwordHash, unconfirmed: true })
    const now = nowIso()
    const partner = {
      id: newId(),
      slug: await uniquePartnerSlug(trx, input.orgName),
      name: input.orgName.trim(),
      org_type: input.orgType,
      status: 'pending' as const,
      contact_email: email,
      contact_phone: input.phone ?? null,
      description: null,
      created_at: now,
      updated_at: now,
    }
    await trx.insertInto('partners').values(partner).execute()
    if (input.coverage) await setPartnerCoverage(trx, partner.id, input.coverage)
    await grant(trx, user.id, 'partner_member', { partnerId: partner.id, partnerRole: 'owner' }, user.id)
    await audit(trx, {
      actorUserId: user.id,
      action: 'partner.signup',
      targetType: 'partner',
      targetId: partner.id,
      ip: input.ip,
      details: { termsVersion: input.termsVersion },
    })
    const emailId = await afterSignup(trx, user.id, input)
    return { user, partner, emailId }
  })
  if (!db.isTransaction) await deliverEmail(db, result.emailId)
  return result
}

export async function signUpBuyer(
  db: DB,
  input: {
    name: string
    email: string
    password: string
    locale?: string
    ip?: string | null
    termsVersion: string
    appUrl?: string
  },
) {
  const email = normalizeEmail(input.email)
  await assertEmailFree(db, email)
  const passwordHash = await hashPassword(input.password)
  const result = await inTransaction(db, async (trx) => {
    await assertEmailFree(trx, email)
    const user = await insertUser(trx, { ...input, passwordHash, unconfirmed: true })
    await grant(trx, user.id, 'buyer', {}, user.id)
    await audit(trx, {
      actorUserId: user.id,
      action: 'buyer.signup',
      targetType: 'user',
      targetId: user.id,
      ip: input.ip,
      details: { termsVersion: input.termsVersion },
    })
    const emailId = await afterSignup(trx, user.id, input)
    return { user, emailId }
  })
  if (!db.isTransaction) await deliverEmail(db, result.emailId)
  return result
}

export type LoginResult =
  { ok: true; user: User; principal: Principal; needsTotp: boolean; mustEnrolTotp: boolean } | { ok: false }

/**
 * Checks email and password. Unknown email and wrong password look exactly alike to the caller
 * (same result, same hashing work) so the form cannot be used to find accounts.
 */
export async function verifyLogin(
  db: DB,
  input: { email: string; password: string; ip?: string | null },
): Promise<LoginResult> {
  const email = normalizeEmail(input.email)
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  if (!user || user.disabled_at) {
    await dummyVerify(input.password)
    await audit(db, { actorUserId: null, action: 'login.failed', details: { email }, ip: input.ip })
    return { ok: false }
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await audit(db, {
      actorUserId: user.id,
      action: 'login.failed',
      targetType: 'user',
      targetId: user.id,
      ip: input.ip,
    })
    return { ok: false }
  }
  if (needsRehash(user.password_hash)) {
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(input.password), updated_at: nowIso() })
      .where('id', '=', user.id)
      .execute()
  }
  const principal = { userId: user.id, grants: await loadGrants(db, user.id) }
  const needsTotp = user.totp_enabled_at !== null
  return { ok: true, user, principal, needsTotp, mustEnrolTotp: !needsTotp && requiresTotp(principal) }
}

/**
 * Issues a one-time password link for a user and retires any earlier unused one: only the newest
 * link a user was sent works. Returns the secret token (only its hash is stored).
 */
export async function issueResetToken(db: DB, userId: string, minutes = RESET_TOKEN_MINUTES): Promise<string> {
  const token = newToken()
  const now = nowIso()
  await retireResetTokens(db, userId)
  await db
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: addMinutes(now, minutes),
      used_at: null,
    })
    .execute()
  return token
}

/** Unused reset links of a user stop working (a newer one was issued or used, or the password changed). */
async function retireResetTokens(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('password_resets').where('user_id', '=', userId).where('used_at', 'is', null).execute()
}

/** Returns a reset token to email, or null when no such account (the caller says the same either way). */
export async function requestPasswordReset(db: DB, emailInput: string): Promise<{ token: string; user: User } | null> {
  const email = normalizeEmail(emailInput)
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  if (!user || user.disabled_at) return null
  const token = await inTransaction(db, (trx) => issueResetToken(trx, user.id))
  return { token, user }
}

export async function findValidReset(db: DB, token: string) {
  const row = await db
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row || row.used_at || row.expires_at <= nowIso()) return null
  return row
}

/**
 * Sets a new password from a reset link: the link and every other link of the user stop working,
 * and every session of the user ends (whoever held one must log in with the new password, and
 * the second factor, again).
 */
export async function resetPassword(db: DB, input: { token: string; password: string; ip?: string | null }) {
  const row = await findValidReset(db, input.token)
  if (!row) throw new DomainError('reset.invalidLink')
  const passwordHash = await hashPassword(input.password)
  await inTransaction(db, async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: nowIso() })
      .where('token_hash', '=', row.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) !== 1) throw new DomainError('reset.invalidLink')
    await retireResetTokens(trx, row.user_id)
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where('id', '=', row.user_id)
      .execute()
    await destroyUserSessions(trx, row.user_id)
    await audit(trx, {
      actorUserId: row.user_id,
      action: 'password.reset',
      targetType: 'user',
      targetId: row.user_id,
      ip: input.ip,
    })
  })
  return row.user_id
}

export async function changeProfile(
  db: DB,
  input: { userId: string; name: string; locale: 'id' | 'en'; ip?: string | null },
) {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ name: input.name.trim(), locale: input.locale, updated_at: nowIso() })
      .where('id', '=', input.userId)
      .execute()
    await audit(trx, {
      actorUserId: input.userId,
      action: 'profile.updated',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip,
    })
  })
}

/**
 * Changes the password of a signed-in user who knows the current one. Unused reset links stop
 * working and the account's other sessions end; the session making the change goes on.
 */
export async function changePassword(
  db: DB,
  input: { userId: string; currentPassword: string; newPassword: string; sessionToken?: string; ip?: string | null },
) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', input.userId).executeTakeFirstOrThrow()
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new DomainError('password.currentWrong', 'currentPassword')
  }
  const hash = await hashPassword(input.newPassword)
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: nowIso() })
      .where('id', '=', input.userId)
      .execute()
    await retireResetTokens(trx, input.userId)
    await destroyOtherSessions(trx, input.userId, input.sessionToken)
    await audit(trx, {
      actorUserId: input.userId,
      action: 'password.changed',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip,
    })
  })
}
