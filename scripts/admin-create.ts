/**
 * `npm run admin:create -- --email <address> [--name "<full name>"]`: creates the first national
 * admin of an install (ADR 015). The admin sets a password through a one-time link, printed here
 * and emailed when SMTP_URL is set, and enrols TOTP at first login. Refused (exit 1) when an admin
 * exists; further admins are invited from /admin/users. Usage errors exit 2 and touch nothing.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { createDb, DatabaseUrlError, migrateToLatest } from '../db/client.ts'
import { DomainError } from '../app/domain/errors.ts'
import { createFirstAdmin, FIRST_ADMIN_LINK_HOURS } from '../app/domain/identity/first-admin.ts'
import { emailSchema } from '../app/domain/identity/schemas.ts'
import { translator } from '../app/i18n/index.ts'
import { deliverEmail, queueEmail } from '../app/integrations/email.server.ts'
import { EnvError, modeFrom, parseEnv } from '../app/lib/env.server.ts'

const USAGE = 'Usage: npm run admin:create -- --email <address> [--name "<full name>"]'

function usage(problem: string): never {
  console.error(`${USAGE}\n${problem}`)
  process.exit(2)
}

function refuse(message: string): never {
  console.error(`admin:create refused: ${message}`)
  process.exit(1)
}

function readArgs(): { email: string; name: string } {
  let values: { email?: string; name?: string }
  try {
    ;({ values } = parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    usage((error as Error).message)
  }
  if (!values.email) usage('--email is required: the address of the first national admin.')
  const email = emailSchema.safeParse(values.email)
  if (!email.success) usage(`--email "${values.email}" is not an email address.`)
  const name = values.name?.trim() || 'Admin Nasional'
  if (name.length < 2 || name.length > 120) usage('--name must be 2 to 120 characters.')
  return { email: email.data, name }
}

async function main() {
  const args = readArgs()
  process.env.MITRA_MODE = modeFrom(process.env)
  let env
  try {
    env = parseEnv()
  } catch (error) {
    if (error instanceof EnvError || error instanceof DatabaseUrlError) refuse(error.message)
    throw error
  }
  const { db } = createDb(env.databasePath)
  try {
    // A fresh install may not have been started yet: the schema comes first (idempotent).
    await migrateToLatest(db)
    let created
    try {
      created = await createFirstAdmin(db, { ...args, operator: { user: os.userInfo().username, host: os.hostname() } })
    } catch (error) {
      if (error instanceof DomainError && error.code === 'admin.exists') {
        refuse(`an admin already exists (${error.params?.email}); further admins are invited from /admin/users`)
      }
      if (error instanceof DomainError && error.code === 'signup.emailTaken') {
        refuse(`${args.email} already has an account; choose another address for the first admin`)
      }
      throw error
    }
    const link = `${env.appUrl}/reset-password/${created.token}`
    const t = translator('id')
    const emailId = await queueEmail(db, {
      to: created.email,
      subject: t('admin.bootstrapEmailSubject'),
      text: t('admin.bootstrapEmailBody', { name: args.name, link, hours: FIRST_ADMIN_LINK_HOURS }),
    })
    const sent = await deliverEmail(db, emailId)
    console.log(`First national admin created: ${created.email}`)
    console.log(`Set the password with this one-time link (valid ${FIRST_ADMIN_LINK_HOURS} hours):\n  ${link}`)
    if (sent === 'sent') console.log(`The link was also emailed to ${created.email}.`)
    else if (sent === 'outbox') console.log('No SMTP_URL: the email waits in the outbox (in demo mode at /dev/outbox).')
    else console.log('Sending the email failed; the running server retries it. The link above works either way.')
    console.log('At first login the admin must set up two-step verification (an authenticator app).')
  } finally {
    await db.destroy()
  }
}

main().catch((error) => {
  console.error(`admin:create failed: ${(error as Error).message}`)
  process.exit(1)
})
