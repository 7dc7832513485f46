import crypto from 'node:crypto'
import sharp from 'sharp'
import type { ImpactHeadline } from '#app/domain/outcomes/realisation.ts'
import { translator } from '#app/i18n/index.ts'
import type { Lang } from '#app/i18n/translate.ts'
import { formatNumber, formatPercentOf } from '#app/lib/format.ts'

/** The size link previews expect (Open Graph, X/Twitter `summary_large_image`, WhatsApp, Telegram). */
export const OG_WIDTH = 1200
export const OG_HEIGHT = 630

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)

/** librsvg draws the text with a font the server has (README: one sans-serif font, e.g. DejaVu, must be installed). */
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif'

/**
 * The picture a link to /impact shows where it is shared: the year, people trained and certified
 * (with the share of the national target when there is one) and the provinces with results, in
 * large type that stays readable as a small preview on a phone. Plain SVG, rendered to PNG by sharp.
 */
export function impactOgSvg(h: ImpactHeadline, lang: Lang, host: string): string {
  const t = translator(lang)
  const num = (n: number) => formatNumber(n, lang)
  const ofTarget = (v: number, target: number | null) =>
    target ? t('impact.og.ofTarget', { pct: formatPercentOf(v, target, lang) }) : ''
  const figure = (x: number, value: number, label: string, note: string, color: string) => `
<g transform="translate(${x} 0)">
<text x="0" y="330" font-size="${num(value).length > 7 ? 84 : 112}" font-weight="700" fill="${color}">${escapeXml(num(value))}</text>
<text x="0" y="392" font-size="40" font-weight="600" fill="#14241b">${escapeXml(label)}</text>
<text x="0" y="440" font-size="30" fill="#3d4f45">${escapeXml(note)}</text>
</g>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">
<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="#f6f8f7"/>
<rect width="${OG_WIDTH}" height="150" fill="#1f6f4a"/>
<g font-family="${FONT}">
<text x="72" y="70" font-size="30" font-weight="700" fill="#d8ece1">Mitra Pokmas Lipas</text>
<text x="72" y="120" font-size="46" font-weight="700" fill="#ffffff">${escapeXml(t('impact.og.heading', { year: h.year }))}</text>
${figure(72, h.trained, t('impact.og.trained'), ofTarget(h.trained, h.targetTrained), '#1f6f4a')}
${figure(640, h.certified, t('impact.og.certified'), ofTarget(h.certified, h.targetCertified), '#8a6508')}
<rect x="72" y="480" width="${OG_WIDTH - 144}" height="2" fill="#c4ccc8"/>
<text x="72" y="538" font-size="32" font-weight="600" fill="#14241b">${escapeXml(t('impact.og.provinces', { n: num(h.provinces) }))}</text>
<text x="72" y="590" font-size="30" fill="#1f6f4a">${escapeXml(`${host}/impact`)}</text>
</g>
</svg>
`
}

/** Rendered images by their SVG: the figures change a few times a day, the previews are asked for often. */
const rendered = new Map<string, { png: Buffer; etag: string }>()
const KEEP = 16

async function render(svg: string) {
  const hit = rendered.get(svg)
  if (hit) return hit
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer()
  const etag = `"${crypto.createHash('sha256').update(png).digest('base64url').slice(0, 32)}"`
  if (rendered.size >= KEEP) rendered.delete(rendered.keys().next().value!)
  const entry = { png, etag }
  rendered.set(svg, entry)
  return entry
}

/**
 * `/impact/og.png`: the PNG for everyone, cacheable for an hour by browsers and link-preview
 * fetchers (an ETag answers a revalidation with 304); rendered once per set of figures.
 */
export async function impactOgImage(request: Request, h: ImpactHeadline, lang: Lang, appUrl: string) {
  const { png, etag } = await render(impactOgSvg(h, lang, new URL(appUrl).host))
  const headers = {
    ETag: etag,
    'Cache-Control': 'public, max-age=3600',
    'Content-Language': lang,
  }
  const asked = request.headers.get('If-None-Match')
  if (asked && asked.split(',').some((x) => x.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers })
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(png), {
    status: 200,
    headers: { ...headers, 'Content-Type': 'image/png', 'Content-Length': String(png.length) },
  })
}
