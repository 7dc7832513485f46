import type { DB } from '#db/client.ts'
import { currentTotp, stepAt } from '#app/domain/identity/totp.ts'

const PERIOD_MS = 30_000

/**
 * A code of `secret` the server will accept for this user now. A code is accepted once (the last
 * accepted step is kept in `users.totp_last_step`), so tests that log one account in several
 * times take the current step or, when it is spent, the next one (valid as clock drift). Only a
 * third login within the same step has to wait for the clock to move on.
 */
export async function unusedTotpCode(db: DB, email: string, secret: string): Promise<string> {
  for (;;) {
    const user = await db
      .selectFrom('users')
      .select('totp_last_step')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    const now = Date.now()
    const current = stepAt(now)
    // Never the previous step: it could fall out of the window before the server checks it.
    const step = Math.max(current, (user.totp_last_step ?? current - 1) + 1)
    if (step <= current + 1) return currentTotp(secret, step * PERIOD_MS)
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * PERIOD_MS - now + 50))
  }
}
