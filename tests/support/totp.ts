import type { DB } from '#db/client.ts'
import { currentTotp } from '#app/domain/identity/totp.ts'

/** A code for the user's TOTP secret (pre-fix version: the current step). */
export async function unusedTotpCode(_db: DB, _email: string, secret: string): Promise<string> {
  return currentTotp(secret)
}
