import { Form } from '@remix-run/react'
import { Field, FieldError } from '#app/components/ui/field.tsx'
import type { Score } from '#app/domain/matching/engine.ts'
import { formatNumber } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

/** The score and each of its parts as a sentence, in the reader's language. */
export function ScoreReasons({ score, id }: { score: Score; id: string }) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <span className="score" aria-label={`${t('match.scoreLabel')}: ${score.total}/100`}>
        {t('match.score', { score: score.total })}
      </span>
      <ul className="reasons" aria-label={t('match.reasons')} id={id}>
        {score.parts.map((p) => (
          <li key={p.key}>
            <span className="reason-part">
              {t(`match.part.${p.key}`)} {p.points}/{p.max}
            </span>
            <span>{p.reason[lang]}</span>
          </li>
        ))}
      </ul>
    </>
  )
}

interface ProposeReply {
  initialValue?: Record<string, unknown> | null
  error?: Record<string, string[] | null> | null
}

/**
 * One small proposal form per suggestion (plain POST, works without JavaScript). Errors come
 * back from the server for the pair that was submitted and are shown next to its field.
 */
export function ProposeForm({
  offerId,
  needId,
  max,
  unit,
  reply,
}: {
  offerId: string
  needId: string
  max: number
  unit: string
  reply?: ProposeReply | null
}) {
  const t = useT()
  const lang = useLang()
  const mine = reply?.initialValue?.offerId === offerId && reply?.initialValue?.needId === needId
  const errors = mine ? reply?.error : undefined
  const qid = `q-${offerId}-${needId}`
  const mid = `m-${offerId}-${needId}`
  const quantityErrors = errors?.quantity
  const formErrors = errors?.['']
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name="offerId" value={offerId} />
      <input type="hidden" name="needId" value={needId} />
      <FieldError errors={formErrors?.map((e) => t(e, { max: formatNumber(max, lang) }))} />
      <Field
        label={`${t('match.quantity')} (${t(`unit.${unit}`)}, maks. ${formatNumber(max, lang)})`}
        errors={quantityErrors?.map((e) => t(e, { max: formatNumber(max, lang) }))}
        inputProps={{
          id: qid,
          name: 'quantity',
          type: 'number',
          inputMode: 'numeric',
          min: 1,
          max,
          required: true,
          defaultValue: mine ? String(reply?.initialValue?.quantity ?? max) : max,
        }}
      />
      <div className="field">
        <label htmlFor={mid}>{t('match.message')}</label>
        <input id={mid} name="message" type="text" maxLength={1000} />
      </div>
      <button type="submit" className="button">
        {t('match.propose')}
      </button>
    </Form>
  )
}

const W = 640
const H = 260
const PAD = { top: 16, right: 12, bottom: 44, left: 76 }

/**
 * Grouped bar chart of trained and certified per quarter, drawn as SVG with attributes only
 * (the CSP forbids inline styles). The figure has a title and description, and the same
 * numbers are in the table next to it.
 */
export function QuarterChart({
  data,
  year,
}: {
  data: { quarter: number; trained: number; certified: number }[]
  year: number
}) {
  const t = useT()
  const lang = useLang()
  const max = Math.max(1, ...data.flatMap((d) => [d.trained, d.certified]))
  const step = niceStep(max)
  const top = Math.ceil(max / step) * step
  const innerW = W - PAD.left - PAD.right
  const innerH = H - PAD.top - PAD.bottom
  const band = innerW / data.length
  const bar = Math.min(48, band / 3)
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step)
  const summary = data
    .map(
      (d) =>
        `${t('impact.quarterShort', { q: d.quarter })}: ${t('impact.trained')} ${formatNumber(d.trained, lang)}, ${t('impact.certified')} ${formatNumber(d.certified, lang)}`,
    )
    .join('; ')
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">{t('impact.chartTitle', { year })}</title>
        <desc id="chart-desc">{t('impact.chartDesc', { summary })}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#d5ddd9" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(v) + 7} textAnchor="end" fontSize={20} fill="#44524b">
              {formatNumber(v, lang)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x0 = PAD.left + i * band + band / 2
          return (
            <g key={d.quarter}>
              <rect
                x={x0 - bar - 2}
                y={y(d.trained)}
                width={bar}
                height={PAD.top + innerH - y(d.trained)}
                fill="#1f6f4a"
              />
              <rect
                x={x0 + 2}
                y={y(d.certified)}
                width={bar}
                height={PAD.top + innerH - y(d.certified)}
                fill="#b8860b"
              />
              <text x={x0} y={H - PAD.bottom + 28} textAnchor="middle" fontSize={20} fill="#1c2621">
                {t('impact.quarterShort', { q: d.quarter })}
              </text>
            </g>
          )
        })}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={PAD.top + innerH}
          y2={PAD.top + innerH}
          stroke="#44524b"
          strokeWidth={1}
        />
      </svg>
      <figcaption className="chart-legend">
        <span>
          <span className="swatch swatch-trained" aria-hidden="true" />
          {t('impact.trained')}
        </span>
        <span>
          <span className="swatch swatch-certified" aria-hidden="true" />
          {t('impact.certified')}
        </span>
      </figcaption>
    </figure>
  )
}

function niceStep(max: number): number {
  const raw = max / 4
  const pow = 10 ** Math.floor(Math.log10(raw))
  const n = raw / pow
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * pow
}
