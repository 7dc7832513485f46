import type { partnerBadge } from '#app/domain/outcomes/partner-impact.ts'
import type { Lang } from '#app/i18n/translate.ts'
import { translator } from '#app/i18n/index.ts'
import { formatNumber } from '#app/lib/format.ts'
import { getEnv } from '#app/lib/env.server.ts'

type Badge = NonNullable<Awaited<ReturnType<typeof partnerBadge>>>

export const BADGE_WIDTH = 260
export const BADGE_HEIGHT = 64

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)

/** A long name is cut to what fits the badge (the full name is in its title). */
function fit(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * The partner badge as a self-contained SVG (no script, no external resources, no fonts to
 * fetch): "Mitra Pokmas Lipas", the partner's name and its figures (or "verified partner" when
 * its impact is not public). `<title>`/`<desc>` give it an accessible name and description.
 */
export function badgeSvg(badge: Badge, lang: Lang): string {
  const t = translator(lang)
  const title = t('badge.svgTitle', { name: badge.name })
  const line = badge.figures
    ? t('badge.figures', {
        trained: formatNumber(badge.figures.trained, lang),
        certified: formatNumber(badge.figures.certified, lang),
      })
    : t('badge.verified')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" role="img" aria-labelledby="badge-title badge-desc" lang="${lang}">
<title id="badge-title">${escapeXml(title)}</title>
<desc id="badge-desc">${escapeXml(line)}</desc>
<rect x="0.5" y="0.5" width="${BADGE_WIDTH - 1}" height="${BADGE_HEIGHT - 1}" rx="8" fill="#ffffff" stroke="#1f6f4a"/>
<rect x="0" y="0" width="56" height="${BADGE_HEIGHT}" rx="8" fill="#1f6f4a"/>
<rect x="48" y="0" width="8" height="${BADGE_HEIGHT}" fill="#1f6f4a"/>
<path d="M28 14 l12 5 v9 c0 9 -5.5 15 -12 18 c-6.5 -3 -12 -9 -12 -18 v-9 z" fill="#ffffff"/>
<path d="M22.5 31 l4 4 l8 -9" fill="none" stroke="#1f6f4a" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>
<g font-family="Segoe UI, Roboto, Helvetica, Arial, sans-serif" fill="#14241b">
<text x="66" y="20" font-size="12" font-weight="700" fill="#1f6f4a">Mitra Pokmas Lipas</text>
<text x="66" y="38" font-size="13" font-weight="600">${escapeXml(fit(badge.name, 28))}</text>
<text x="66" y="54" font-size="11" fill="#3d4f45">${escapeXml(fit(line, 34))}</text>
</g>
</svg>
`
}

/** The HTML a partner pastes into its own site: the badge image inside a link to its page. */
export function badgeSnippet(appUrl: string, badge: Badge, lang: Lang): string {
  const t = translator(lang)
  const target = badge.figures ? `${appUrl}/partners/${badge.slug}/impact` : `${appUrl}/partners/${badge.slug}`
  const alt = badge.figures
    ? `${t('badge.svgTitle', { name: badge.name })}. ${t('badge.figures', { trained: formatNumber(badge.figures.trained, lang), certified: formatNumber(badge.figures.certified, lang) })}`
    : `${t('badge.svgTitle', { name: badge.name })}. ${t('badge.verified')}`
  return `<a href="${escapeXml(target)}"><img src="${escapeXml(`${appUrl}/partners/${badge.slug}/badge.svg${lang === 'en' ? '?lang=en' : ''}`)}" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" alt="${escapeXml(alt)}"></a>`
}

/** What the partner's profile page shows of its badge: a same-origin preview and the code to copy. */
export function badgePanel(badge: Badge, lang: Lang) {
  const appUrl = getEnv().appUrl
  const t = translator(lang)
  return {
    src: `/partners/${badge.slug}/badge.svg${lang === 'en' ? '?lang=en' : ''}`,
    alt: t('badge.svgTitle', { name: badge.name }),
    width: BADGE_WIDTH,
    height: BADGE_HEIGHT,
    snippet: badgeSnippet(appUrl, badge, lang),
    hasFigures: badge.figures !== null,
  }
}
