import { Secret, TOTP } from 'otpauth'

const ISSUER = 'Mitra Lipas'

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totpFor(secret: string, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret })
}

export function totpUri(secret: string, email: string): string {
  return totpFor(secret, email).toString()
}

/** Accepts the current code and one step either side, for clock drift. */
export function verifyTotp(secret: string, code: string, timestamp = Date.now()): boolean {
  const clean = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(clean)) return false
  return totpFor(secret, 'x').validate({ token: clean, window: 1, timestamp }) !== null
}

export function currentTotp(secret: string, timestamp = Date.now()): string {
  return totpFor(secret, 'x').generate({ timestamp })
}
