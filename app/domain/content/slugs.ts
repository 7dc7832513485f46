/**
 * The trust pages (ADR 023), in the order the footer lists them; each lives at /info/<slug>.
 * Kept apart from their default text (defaults.ts) because every page's footer imports it.
 */
export const SITE_PAGE_SLUGS = [
  'tentang',
  'kontak',
  'syarat-ketentuan',
  'kebijakan-privasi',
  'pengembalian-pengaduan',
  'faq',
] as const
export type SitePageSlug = (typeof SITE_PAGE_SLUGS)[number]

export function isSitePageSlug(slug: string): slug is SitePageSlug {
  return (SITE_PAGE_SLUGS as readonly string[]).includes(slug)
}
