/**
 * Rules of the e-mail confirmation link (ADR 033), pure so they are unit-tested: a link works
 * once, for EMAIL_LINK_HOURS, for the address it was sent to, and only the newest link of a user
 * works. A new link may be asked for once a minute and at most RESEND_PER_DAY times a day.
 */
export const EMAIL_LINK_HOURS = 48
export const RESEND_GAP_SECONDS = 60
export const RESEND_PER_DAY = 5

export type LinkState = 'valid' | 'expired' | 'used' | 'unknown'

export interface LinkRow {
  email: string
  expires_at: string
  used_at: string | null
}

/** What a link is worth now, for the account's current address. */
export function linkState(row: LinkRow | undefined | null, currentEmail: string | null, now: Date): LinkState {
  if (!row || currentEmail === null) return 'unknown'
  if (row.used_at) return 'used'
  // The account's address changed since the link was sent: the link proves nothing about the new one.
  if (row.email !== currentEmail) return 'unknown'
  if (Date.parse(row.expires_at) <= now.getTime()) return 'expired'
  return 'valid'
}

/**
 * May another link be sent now, given when the earlier ones were sent (ISO times)? Returns null
 * when it may, or the number of seconds to wait.
 */
export function resendWait(sentAt: readonly string[], now: Date): number | null {
  const t = now.getTime()
  const times = sentAt.map((s) => Date.parse(s)).filter((x) => !Number.isNaN(x))
  const last = Math.max(...times, -Infinity)
  if (t - last < RESEND_GAP_SECONDS * 1000) return Math.ceil((last + RESEND_GAP_SECONDS * 1000 - t) / 1000)
  const day = times.filter((x) => t - x < 24 * 3600 * 1000).sort((a, b) => a - b)
  if (day.length >= RESEND_PER_DAY) return Math.ceil((day[day.length - RESEND_PER_DAY]! + 24 * 3600 * 1000 - t) / 1000)
  return null
}
