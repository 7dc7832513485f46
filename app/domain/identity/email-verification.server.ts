/**
 * E-mail confirmation at sign-up (ADR 033): a single-use, expiring link, only its hash stored,
 * queued in the transaction that issues it and delivered after commit.
 */
import type { DB } from '#db/client.ts'
import { type Lang, parseLang, translator } from '#app/i18n/index.ts'
import { deliverEmail, queueEmail } from '#app/integrations/email.server.ts'
import { audit } from '#app/domain/audit/log.ts'
import { DomainError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { hashToken, newToken } from '#app/lib/ids.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { EMAIL_LINK_HOURS, type LinkState, linkState, resendWait } from './email-rules.ts'

/**
 * Issues a new link for the user's current address (earlier unused links stop working) and queues
 * the message; returns the queued email's id. Runs inside the caller's transaction.
 */
export async function queueEmailVerification(
  trx: DB,
  input: { userId: string; appUrl: string; lang?: Lang },
  now: Date = new Date(),
): Promise<string> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'email', 'locale'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow()
  const token = newToken()
  const created = nowIso(now)
  await trx
    .deleteFrom('email_verifications')
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .where('expires_at', '<=', created)
    .execute()
  // Earlier unused links stop working (kept, marked used, so the resend limit still counts them).
  await trx
    .updateTable('email_verifications')
    .set({ used_at: created })
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .execute()
  await trx
    .insertInto('email_verifications')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      email: user.email,
      created_at: created,
      expires_at: addMinutes(created, EMAIL_LINK_HOURS * 60),
      used_at: null,
    })
    .execute()
  const t = translator(input.lang ?? parseLang(user.locale) ?? 'id')
  return queueEmail(trx, {
    to: user.email,
    subject: t('verifyEmail.emailSubject'),
    // No greeting by name: whoever registered the address chose it (ADR 017).
    text: t('verifyEmail.emailBody', { link: `${input.appUrl}/verify-email/${token}`, hours: EMAIL_LINK_HOURS }),
  })
}

/** What a link from an email is worth now (the page shows a button only for a valid one). */
export async function checkEmailLink(db: DB, token: string, now: Date = new Date()): Promise<LinkState> {
  return (await describeEmailLink(db, token, now)).state
}

/**
 * The link's state, and whether the address of the account it belongs to is confirmed by now
 * (so a spent link can say "already confirmed" rather than only "used").
 */
export async function describeEmailLink(
  db: DB,
  token: string,
  now: Date = new Date(),
): Promise<{ state: LinkState; confirmed: boolean }> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return { state: 'unknown', confirmed: false }
  const row = await db
    .selectFrom('email_verifications as v')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .select(['v.email', 'v.expires_at', 'v.used_at', 'u.email as current_email', 'u.email_verified_at'])
    .where('v.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  const state = linkState(row, row?.current_email ?? null, now)
  return { state, confirmed: !!row?.email_verified_at && state !== 'unknown' }
}

/**
 * Confirms the address a link was sent to: the link is spent, the user's address confirmed
 * (audited). Expired, used or unknown links are refused with their own message.
 */
export async function confirmEmail(
  db: DB,
  input: { token: string; ip?: string | null },
  now: Date = new Date(),
): Promise<{ userId: string }> {
  return inTransaction(db, async (trx) => {
    const state = await checkEmailLink(trx, input.token, now)
    if (state !== 'valid') throw new DomainError(`verifyEmail.${state}`)
    const row = await trx
      .selectFrom('email_verifications')
      .select(['user_id', 'token_hash'])
      .where('token_hash', '=', hashToken(input.token))
      .executeTakeFirstOrThrow()
    const at = nowIso(now)
    const spent = await trx
      .updateTable('email_verifications')
      .set({ used_at: at })
      .where('token_hash', '=', row.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(spent.numUpdatedRows) !== 1) throw new DomainError('verifyEmail.used')
    await trx
      .updateTable('users')
      .set({ email_verified_at: at, updated_at: at })
      .where('id', '=', row.user_id)
      .where('email_verified_at', 'is', null)
      .execute()
    await audit(trx, {
      actorUserId: row.user_id,
      action: 'email.verified',
      targetType: 'user',
      targetId: row.user_id,
      ip: input.ip,
    })
    return { userId: row.user_id }
  })
}

/**
 * Sends a new link to a signed-in user whose address is not confirmed yet: refused when already
 * confirmed, or sooner than the resend rules allow (the message says how long to wait).
 */
export async function resendEmailVerification(
  db: DB,
  input: { userId: string; appUrl: string; lang?: Lang },
  now: Date = new Date(),
): Promise<void> {
  const emailId = await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['email_verified_at'])
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow()
    if (user.email_verified_at) throw new DomainError('verifyEmail.alreadyVerified')
    const sent = await trx
      .selectFrom('email_verifications')
      .select('created_at')
      .where('user_id', '=', input.userId)
      .where('created_at', '>', addMinutes(now, -24 * 60))
      .execute()
    const wait = resendWait(
      sent.map((s) => s.created_at),
      now,
    )
    if (wait !== null) throw new DomainError('verifyEmail.tooSoon', undefined, { minutes: Math.ceil(wait / 60) })
    return queueEmailVerification(trx, input, now)
  })
  if (!db.isTransaction) await deliverEmail(db, emailId)
}

/** Records that the user accepted this version of the terms and privacy policy (audited). */
export async function acceptTerms(
  db: DB,
  input: { userId: string; version: string; ip?: string | null },
  now: Date = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const at = nowIso(now)
    await trx
      .updateTable('users')
      .set({ terms_version: input.version, terms_accepted_at: at, updated_at: at })
      .where('id', '=', input.userId)
      .execute()
    await audit(trx, {
      actorUserId: input.userId,
      action: 'terms.accepted',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip,
      details: { version: input.version },
    })
  })
}
