import nodemailer, { type Transporter } from 'nodemailer'
import type { DB } from '#db/client.ts'
import { newId } from '#app/utils/ids.ts'
import { nowIso } from '#app/utils/time.ts'
import { getEnv } from '#app/utils/env.server.ts'

export interface EmailMessage {
  to: string
  subject: string
  text: string
}

let transport: { url: string; transporter: Transporter } | undefined

/**
 * The one way the app sends email. Every message is recorded in the `emails` table first
 * (so nothing acknowledged is lost); with SMTP_URL it is then sent, otherwise it stays in the
 * outbox, which demo mode lists at /dev/outbox. The SMTP call happens outside any transaction.
 */
export async function sendEmail(db: DB, message: EmailMessage): Promise<string> {
  const id = newId()
  await db
    .insertInto('emails')
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: null,
      created_at: nowIso(),
      sent_at: null,
      error: null,
    })
    .execute()
  const env = getEnv()
  if (!env.smtpUrl) return id
  if (transport?.url !== env.smtpUrl) transport = { url: env.smtpUrl, transporter: nodemailer.createTransport(env.smtpUrl) }
  try {
    await transport.transporter.sendMail({ from: env.mailFrom, to: message.to, subject: message.subject, text: message.text })
    await db.updateTable('emails').set({ sent_at: nowIso() }).where('id', '=', id).execute()
  } catch (error) {
    await db.updateTable('emails').set({ error: String((error as Error).message).slice(0, 500) }).where('id', '=', id).execute()
  }
  return id
}
