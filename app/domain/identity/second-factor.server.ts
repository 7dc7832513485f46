import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { parseLang, translator } from '#app/i18n/index.ts'
import { deliverEmail, queueEmail } from '#app/integrations/email.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { nowIso } from '#app/lib/time.ts'
import { DomainError } from '../errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { requiresTotp } from './authorize.ts'
import { verifyPassword } from './passwords.server.ts'
import { open, seal } from './secret-box.ts'
import { destroyOtherSessions, loadGrants } from './sessions.ts'
import { matchTotpStep } from './totp.ts'

/**
 * The second factor (TOTP) of an account: enrolment, the code check at login, and changing or
 * removing the factor. A code is accepted once: the time step of the last accepted code is kept
 * per user (`users.totp_last_step`) and a code of that step or an earlier one is refused, wherever
 * a code is checked. Changing or removing a factor needs the password and a current code, ends
 * the account's other sessions, is audited and is emailed to the account's address.
 */

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' }

/**
 * Checks a code of the user's enrolled secret and claims its time step: a conditional update, so
 * of two requests carrying one code only one gets through. Inside a transaction the claim is
 * undone when the transaction is.
 */
export async function consumeTotp(
  db: DB,
  input: { userId: string; code: string; key: Buffer; now?: Date },
): Promise<TotpCheck> {
  const user = await db
    .selectFrom('users')
    .select(['totp_secret_enc', 'totp_enabled_at'])
    .where('id', '=', input.userId)
    .executeTakeFirst()
  if (!user?.totp_secret_enc || !user.totp_enabled_at) return { ok: false, reason: 'invalid' }
  const step = matchTotpStep(open(user.totp_secret_enc, input.key), input.code, (input.now ?? new Date()).getTime())
  if (step === null) return { ok: false, reason: 'invalid' }
  const claimed = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', input.userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(claimed.numUpdatedRows) === 1 ? { ok: true, step } : { ok: false, reason: 'reused' }
}

/** Turns on TOTP once the user proves their authenticator shows the right code; never over an enrolled factor. */
export async function enableTotp(
  db: DB,
  input: { userId: string; secret: string; code: string; key: Buffer; ip?: string | null; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date()
  const step = matchTotpStep(input.secret, input.code, now.getTime())
  if (step === null) throw new DomainError('totp.invalid', 'code')
  await inTransaction(db, async (trx) => {
    const enabled = await trx
      .updateTable('users')
      // The enrolment code is spent: it cannot open a login as well.
      .set({
        totp_secret_enc: seal(input.secret, input.key),
        totp_enabled_at: nowIso(now),
        totp_last_step: step,
        updated_at: nowIso(now),
      })
      .where('id', '=', input.userId)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst()
    if (Number(enabled.numUpdatedRows) !== 1) throw new DomainError('totp.alreadyEnabled')
    await audit(trx, {
      actorUserId: input.userId,
      action: 'totp.enabled',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip,
    })
  })
}

interface Reauthentication {
  userId: string
  currentPassword: string
  currentCode: string
  key: Buffer
  /** The session making the change stays signed in; every other session of the account ends. */
  sessionToken?: string
  appUrl: string
  ip?: string | null
  now?: Date
}

async function requireEnrolledUser(db: DB, userId: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()
  if (!user.totp_enabled_at) throw new DomainError('totp.notEnabled')
  return user
}

async function requirePassword(hash: string, password: string) {
  if (!(await verifyPassword(hash, password))) throw new DomainError('password.currentWrong', 'currentPassword')
}

async function claimCurrentCode(trx: DB, input: Reauthentication): Promise<number> {
  const check = await consumeTotp(trx, {
    userId: input.userId,
    code: input.currentCode,
    key: input.key,
    now: input.now,
  })
  if (!check.ok) throw new DomainError(check.reason === 'reused' ? 'totp.reused' : 'totp.invalid', 'currentCode')
  return check.step
}

/** Queues the "your authenticator was changed/removed" email inside the transaction of the change. */
async function queueFactorEmail(
  trx: DB,
  user: { email: string; name: string; locale: string },
  change: 'replaced' | 'removed',
  input: Reauthentication,
) {
  const lang = parseLang(user.locale) ?? 'id'
  const t = translator(lang)
  return queueEmail(trx, {
    to: user.email,
    subject: t(`totp.${change}EmailSubject`),
    text: t(`totp.${change}EmailBody`, {
      name: user.name,
      at: formatDateTime(nowIso(input.now), 'Asia/Jakarta', lang),
      link: `${input.appUrl}/forgot-password`,
    }),
  })
}

/** Replaces the enrolled secret: current password, a current code, and a code of the new secret. */
export async function replaceTotp(
  db: DB,
  input: Reauthentication & { newSecret: string; newCode: string },
): Promise<void> {
  const user = await requireEnrolledUser(db, input.userId)
  await requirePassword(user.password_hash, input.currentPassword)
  const newStep = matchTotpStep(input.newSecret, input.newCode, (input.now ?? new Date()).getTime())
  if (newStep === null) throw new DomainError('totp.invalid', 'code')
  const emailId = await inTransaction(db, async (trx) => {
    const currentStep = await claimCurrentCode(trx, input)
    await trx
      .updateTable('users')
      .set({
        totp_secret_enc: seal(input.newSecret, input.key),
        totp_enabled_at: nowIso(input.now),
        totp_last_step: Math.max(currentStep, newStep),
        updated_at: nowIso(input.now),
      })
      .where('id', '=', input.userId)
      .execute()
    await destroyOtherSessions(trx, input.userId, input.sessionToken)
    await audit(trx, {
      actorUserId: input.userId,
      action: 'totp.replaced',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip,
    })
    return queueFactorEmail(trx, user, 'replaced', input)
  })
  await deliverEmail(db, emailId)
}

/** Removes an optional factor (accounts whose role requires TOTP can only replace theirs). */
export async function removeTotp(db: DB, input: Reauthentication): Promise<void> {
  const user = await requireEnrolledUser(db, input.userId)
  if (requiresTotp({ userId: user.id, grants: await loadGrants(db, user.id) }))
    throw new DomainError('totp.requiredForRole')
  await requirePassword(user.password_hash, input.currentPassword)
  const emailId = await inTransaction(db, async (trx) => {
    await claimCurrentCode(trx, input)
    await trx
      .updateTable('users')
      .set({ totp_secret_enc: null, totp_enabled_at: null, updated_at: nowIso(input.now) })
      .where('id', '=', input.userId)
      .execute()
    await destroyOtherSessions(trx, input.userId, input.sessionToken)
    await audit(trx, {
      actorUserId: input.userId,
      action: 'totp.removed',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip,
    })
    return queueFactorEmail(trx, user, 'removed', input)
  })
  await deliverEmail(db, emailId)
}
