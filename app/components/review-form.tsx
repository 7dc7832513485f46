import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useState } from 'react'
import { FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { REVIEW_MAX, ReviewSchema } from '#app/domain/reviews/schemas.ts'
import { useT } from '#app/web/i18n.tsx'
import { Stars } from './stars.tsx'

export interface ReviewPageData {
  orderNumber: string
  orderPath: string
  line: {
    id: string
    name: string
    qty: number
    unit: string
    sub_number: string
    upt_name: string
    slug: string
    product_status: string
    reviewable: boolean
  }
  review: {
    rating: number
    body: string
    reviewer_name: string
    reply: string | null
    hidden_at: string | null
    editable: boolean
  } | null
}

/** A buyer rates one line of a completed order and writes a short review (both order pages use it). */
export function ReviewFormPage({
  data,
  lastResult,
}: {
  data: ReviewPageData
  lastResult?: SubmissionResult<string[]> | null
}) {
  const t = useT()
  const { line, review } = data
  const [form, fields] = useForm({
    id: 'review',
    lastResult,
    constraint: getZodConstraint(ReviewSchema),
    defaultValue: {
      rating: review ? String(review.rating) : '',
      body: review?.body ?? '',
      showName: review ? (review.reviewer_name ? 'on' : '') : 'on',
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
    shouldValidate: 'onBlur',
    // An error clears while the buyer types, not on blur: a message vanishing as the button is
    // pressed would move the button away from the pointer and swallow the click.
    shouldRevalidate: 'onInput',
  })
  const closed = !line.reviewable
    ? t('review.notCompleted')
    : review && !review.editable
      ? t(review.hidden_at ? 'review.hiddenLocked' : 'review.editClosed')
      : null
  const ratingErrorId = fields.rating.errorId
  // Conform reveals a field's error once the field was in a submission; an unchosen radio group
  // never is, so the "choose stars" message is kept here until a star is chosen.
  const [ratingMissing, setRatingMissing] = useState(false)
  const ratingErrors = fields.rating.errors ?? (ratingMissing ? ['review.ratingRequired'] : null)
  const formProps = getFormProps(form)
  return (
    <div className="stack narrow">
      <p className="muted">
        <Link to={data.orderPath}>{t('review.backToOrder', { number: data.orderNumber })}</Link>
      </p>
      <h1>{review ? t('review.editTitle') : t('review.writeTitle')}</h1>
      <p>
        <strong>{line.name}</strong> × {line.qty} {line.unit} · {line.upt_name}
      </p>
      {closed ? (
        <div className="alert" role="status">
          <p>{closed}</p>
          {review ? (
            <p>
              <Stars rating={review.rating} /> {review.body}
            </p>
          ) : null}
        </div>
      ) : (
        <Form
          method="post"
          className="form card"
          {...formProps}
          onSubmit={(event) => {
            setRatingMissing(!new FormData(event.currentTarget).get(fields.rating.name))
            formProps.onSubmit(event)
          }}
        >
          <FormErrors errors={form.errors} />
          <div className="alert alert-warn" role="note">
            <p>{t('review.inmateWarning')}</p>
          </div>
          <fieldset aria-describedby={ratingErrors?.length ? ratingErrorId : undefined}>
            <legend>{t('review.rating')}</legend>
            <div className="rating-choices">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="rating-choice">
                  <input
                    type="radio"
                    name={fields.rating.name}
                    value={String(n)}
                    defaultChecked={fields.rating.initialValue === String(n)}
                    required
                    aria-invalid={ratingErrors?.length ? true : undefined}
                    onChange={() => setRatingMissing(false)}
                  />
                  <span>{t('review.stars', { n })}</span>
                </label>
              ))}
            </div>
            {ratingErrors?.length ? (
              <p className="field-error" id={ratingErrorId} role="alert">
                {ratingErrors.map((e) => t(e)).join(' ')}
              </p>
            ) : null}
          </fieldset>
          <TextareaField
            label={t('review.body')}
            hint={t('review.bodyHint', { max: REVIEW_MAX })}
            errors={fields.body.errors}
            errorId={fields.body.errorId}
            textareaProps={{ ...getTextareaProps(fields.body), rows: 5 }}
          />
          <div className="field field-check">
            <label>
              <input
                type="checkbox"
                name={fields.showName.name}
                value="on"
                defaultChecked={fields.showName.initialValue === 'on'}
              />{' '}
              {t('review.showName')}
            </label>
          </div>
          <button type="submit" className="button">
            {review ? t('review.update') : t('review.submit')}
          </button>
        </Form>
      )}
      {review?.reply ? (
        <section className="card stack" aria-labelledby="reply-h">
          <h2 id="reply-h">{t('review.replyFrom', { upt: line.upt_name })}</h2>
          <p className="prewrap">{review.reply}</p>
        </section>
      ) : null}
    </div>
  )
}
