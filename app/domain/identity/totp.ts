import { Secret, TOTP } from 'otpauth'

const ISSUER = 'Mitra Lipas'
const PERIOD_SECONDS = 30

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totpFor(secret: string, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret })
}

export function totpUri(secret: string, email: string): string {
  return totpFor(secret, email).toString()
}

/** The time step a timestamp falls in (unix seconds / 30): what "last accepted code" remembers. */
export function stepAt(timestamp: number): number {
  return Math.floor(timestamp / 1000 / PERIOD_SECONDS)
}

/**
 * The time step of the code, accepting the current step and one either side for clock drift;
 * null when the code does not match. Replay protection compares this step with the last one
 * accepted for the user (second-factor.server.ts).
 */
export function matchTotpStep(secret: string, code: string, timestamp = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(clean)) return null
  const delta = totpFor(secret, 'x').validate({ token: clean, window: 1, timestamp })
  return delta === null ? null : stepAt(timestamp) + delta
}

/** Accepts the current code and one step either side, for clock drift (no replay check). */
export function verifyTotp(secret: string, code: string, timestamp = Date.now()): boolean {
  return matchTotpStep(secret, code, timestamp) !== null
}

export function currentTotp(secret: string, timestamp = Date.now()): string {
  return totpFor(secret, 'x').generate({ timestamp })
}
