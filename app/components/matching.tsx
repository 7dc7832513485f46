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
