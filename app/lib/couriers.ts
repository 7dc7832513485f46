/**
 * Couriers' public tracking pages (issue 14, item 7): a tracking number on an order page links to
 * the courier's own page for it. UPT staff type the courier's name freely when they ship, so the
 * name is matched loosely ("J&T Express", "jnt", "JNE REG" all work); a courier not listed here, or
 * a number with characters no courier uses, stays plain text. The templates are the couriers'
 * public "cek resi" pages: when a courier moves its page, change its line here (one place).
 */
interface Courier {
  name: string
  /** lower-case letters and digits only, matched against the start of the typed name */
  aliases: string[]
  /** `{n}` is replaced by the URL-encoded tracking number */
  url: string
}

export const COURIERS: Courier[] = [
  { name: 'JNE', aliases: ['jne'], url: 'https://www.jne.co.id/tracking-package?awb={n}' },
  { name: 'J&T Express', aliases: ['jnt', 'jtexpress', 'jt'], url: 'https://jet.co.id/track?awb={n}' },
  { name: 'SiCepat', aliases: ['sicepat'], url: 'https://www.sicepat.com/checkAwb?awb={n}' },
  { name: 'AnterAja', aliases: ['anteraja'], url: 'https://anteraja.id/tracking/{n}' },
  {
    name: 'Pos Indonesia',
    aliases: ['posindonesia', 'pos'],
    url: 'https://www.posindonesia.co.id/id/tracking?barcode={n}',
  },
  { name: 'TIKI', aliases: ['tiki'], url: 'https://www.tiki.id/id/track?awb={n}' },
]

const NUMBER = /^[A-Za-z0-9-]{4,40}$/

/** The courier a typed name means, if it is one we know. */
export function findCourier(typed: string | null | undefined): Courier | null {
  const key = (typed ?? '').toLowerCase().replace(/[^a-z0-9]/g, '')
  if (!key) return null
  return COURIERS.find((c) => c.aliases.some((a) => key === a || (key.startsWith(a) && a.length >= 3))) ?? null
}

/** The courier's tracking page for this number, or null (unknown courier, odd number). */
export function trackingUrl(
  courier: string | null | undefined,
  trackingNumber: string | null | undefined,
): string | null {
  const c = findCourier(courier)
  const n = (trackingNumber ?? '').trim()
  if (!c || !NUMBER.test(n)) return null
  return c.url.replace('{n}', encodeURIComponent(n))
}
