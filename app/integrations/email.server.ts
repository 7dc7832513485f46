import nodemailer, { type Transporter } from 'nodemailer'
import type { DB } from '#db/client.ts'
import { newId } from '#app/lib/ids.ts'
import { addMinutes, nowIso } from '#app/lib/time.ts'
import { getEnv } from '#app/lib/env.server.ts'

export interface EmailMessage {
  to: string
  subject: string
  text: string
}

let transport: { url: string; transporter: Transporter } | undefined

/** Minutes to wait after the n-th failed attempt; after the last, the message stays failed (listed in the outbox). */
export const RETRY_MINUTES = [1, 5, 30, 120, 720, 1440]
/** How long one process may hold a message while it talks to the SMTP server. */
const CLAIM_MINUTES = 2

/**
 * Records a message in the `emails` outbox. Call it inside the transaction of the change the
 * message reports, so the message exists exactly when the change does; deliver it after commit
 * with {@link deliverEmail} (the jobs runner delivers anything left behind).
 */
export async function queueEmail(db: DB, message: EmailMessage, now: Date = new Date()): Promise<string> {
  const id = newId()
  await db
    .insertInto('emails')
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: null,
      created_at: nowIso(now),
      sent_at: null,
      error: null,
      next_attempt_at: null,
      claimed_until: null,
    })
    .execute()
  return id
}

/**
 * Sends one queued message through SMTP (outside any transaction). A claim (conditional update)
 * makes sure two processes never send the same message; a failure schedules the next attempt.
 * Without SMTP_URL messages stay in the outbox (demo mode lists them at /dev/outbox).
 */
export async function deliverEmail(
  db: DB,
  id: string,
  now: Date = new Date(),
): Promise<'sent' | 'failed' | 'outbox' | 'taken'> {
  const env = getEnv()
  if (!env.smtpUrl) return 'outbox'
  const at = nowIso(now)
  const claimed = await db
    .updateTable('emails')
    .set({ claimed_until: addMinutes(now, CLAIM_MINUTES) })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .executeTakeFirst()
  if (Number(claimed.numUpdatedRows) !== 1) return 'taken'
  const m = await db
    .selectFrom('emails')
    .select(['to_address', 'subject', 'text_body', 'attempts'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  if (transport?.url !== env.smtpUrl)
    transport = { url: env.smtpUrl, transporter: nodemailer.createTransport(env.smtpUrl) }
  try {
    await transport.transporter.sendMail({
      from: env.mailFrom,
      to: m.to_address,
      subject: m.subject,
      text: m.text_body,
    })
    await db
      .updateTable('emails')
      .set({ sent_at: nowIso(), error: null, claimed_until: null, attempts: m.attempts + 1 })
      .where('id', '=', id)
      .execute()
    return 'sent'
  } catch (error) {
    const wait = RETRY_MINUTES[m.attempts]
    await db
      .updateTable('emails')
      .set({
        attempts: m.attempts + 1,
        error: String((error as Error).message).slice(0, 500),
        claimed_until: null,
        // past the last retry the message waits for good (next_attempt_at far in the future)
        next_attempt_at: wait === undefined ? '9999-12-31T00:00:00.000Z' : addMinutes(now, wait),
      })
      .where('id', '=', id)
      .execute()
    return 'failed'
  }
}

/** The one way the app sends email now: queue, then deliver. */
export async function sendEmail(db: DB, message: EmailMessage): Promise<string> {
  const id = await queueEmail(db, message)
  await deliverEmail(db, id)
  return id
}

/** Delivers queued messages that are due (never sent, not waiting for a retry, not claimed). */
export async function deliverDueEmails(db: DB, now: Date = new Date(), limit = 50) {
  if (!getEnv().smtpUrl) return { sent: 0, failed: 0 }
  const at = nowIso(now)
  const due = await db
    .selectFrom('emails')
    .select('id')
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]))
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('created_at')
    .limit(limit)
    .execute()
  const counts = { sent: 0, failed: 0 }
  for (const { id } of due) {
    const r = await deliverEmail(db, id, now)
    if (r === 'sent') counts.sent++
    if (r === 'failed') counts.failed++
  }
  return counts
}

/** The newest messages of the outbox, sent or not (the demo's /dev/outbox). */
export async function listOutbox(db: DB, limit: number) {
  return db
    .selectFrom('emails')
    .select(['id', 'to_address', 'subject', 'text_body', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
