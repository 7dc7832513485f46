import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Stars } from '#app/components/stars.tsx'
import { FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { EmptyState, Pagination } from '#app/components/ui/misc.tsx'
import { listUptReviews, type UptReviewFilter } from '#app/domain/reviews/queries.ts'
import { REVIEWS_PER_PAGE } from '#app/domain/reviews/rules.ts'
import { REASON_MAX, REPLY_MAX } from '#app/domain/reviews/schemas.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageCount, pageFrom } from '#app/lib/pagination.ts'
import { moderateReview, parseModerationForm } from '#app/web/actions/reviews.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { requireUptStaff } from '#app/web/guards.server.ts'

const FILTERS: UptReviewFilter[] = ['all', 'unreplied', 'hidden']

function filterFrom(url: URL): UptReviewFilter {
  const f = url.searchParams.get('filter')
  return FILTERS.includes(f as UptReviewFilter) ? (f as UptReviewFilter) : 'all'
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  const url = new URL(request.url)
  const filter = filterFrom(url)
  const page = pageFrom(url)
  const reviews = await listUptReviews(getDb(), upt.id, { filter, page })
  return { upt: { id: upt.id, name: upt.name, timezone: upt.timezone }, filter, page, reviews }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session } = await requireUptStaff(request, params.uptId)
  const submission = parseModerationForm(await readForm(request))
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const url = new URL(request.url)
  return moderateReview(
    request,
    upt.id,
    session.user.id,
    submission,
    `/upt/${upt.id}/reviews${url.search.replace(/([?&])hide=[^&]*&?/, '$1').replace(/[?&]$/, '')}`,
  )
}

export default function UptReviews() {
  const t = useT()
  const lang = useLang()
  const { upt, filter, page, reviews } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const hiding = params.get('hide')
  const errors = (result as { error?: Record<string, string[] | null> } | undefined)?.error
  const failedId = (result as { initialValue?: Record<string, unknown> } | undefined)?.initialValue?.reviewId
  const withParams = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params)
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k)
      else p.set(k, v)
    }
    const s = p.toString()
    return s ? `?${s}` : '.'
  }
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}`}>{upt.name}</Link>
      </p>
      <h1>{t('review.moderationTitle')}</h1>
      <section className="alert alert-warn stack" aria-labelledby="rules-h">
        <h2 id="rules-h">{t('review.rulesTitle')}</h2>
        <ul>
          <li>{t('review.ruleInmate')}</li>
          <li>{t('review.ruleAbuse')}</li>
          <li>{t('review.ruleReply')}</li>
        </ul>
      </section>
      <nav aria-label={t('review.filterLabel')} className="button-row">
        {FILTERS.map((f) => (
          <Link
            key={f}
            to={f === 'all' ? '.' : `?filter=${f}`}
            aria-current={f === filter ? 'page' : undefined}
            className={f === filter ? 'button' : 'button button-secondary'}
          >
            {t(`review.filter.${f}`)}
          </Link>
        ))}
      </nav>
      <FormErrors errors={errors?.[''] ?? null} />
      {reviews.rows.length === 0 ? (
        <EmptyState title={t('review.noneForUpt')}>
          <p>{t('review.noneForUptNext')}</p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {reviews.rows.map((r) => {
            const mine = failedId === r.id
            return (
              <li key={r.id} className="card stack" id={`review-${r.id}`}>
                <h2>
                  <Link to={`/products/${r.product_slug}`}>{r.product_name}</Link>
                </h2>
                <p>
                  <Stars rating={r.rating} /> · {r.reviewer_name || t('review.anonymous')} ·{' '}
                  {formatDateTime(r.created_at, upt.timezone, lang)}
                  {r.hidden_at ? (
                    <>
                      {' '}
                      · <span className="badge badge-bad">{t('review.hidden')}</span>
                    </>
                  ) : null}
                </p>
                <p className="prewrap">{r.body}</p>
                {r.hidden_at ? (
                  <p className="muted">{t('review.hiddenBecause', { reason: r.hidden_reason ?? '' })}</p>
                ) : null}
                {r.reply ? (
                  <div className="review-reply">
                    <p className="small muted">{t('review.replyFrom', { upt: upt.name })}</p>
                    <p className="prewrap">{r.reply}</p>
                  </div>
                ) : null}
                {hiding === r.id && !r.hidden_at ? (
                  <Form method="post" className="form alert alert-error" aria-labelledby={`hide-q-${r.id}`}>
                    <p id={`hide-q-${r.id}`}>{t('review.hideConfirm')}</p>
                    <input type="hidden" name="intent" value="hide" />
                    <input type="hidden" name="reviewId" value={r.id} />
                    <TextareaField
                      label={t('review.hideReason')}
                      errors={mine ? (errors?.reason ?? null) : null}
                      errorId={`reason-${r.id}-error`}
                      textareaProps={{
                        id: `reason-${r.id}`,
                        name: 'reason',
                        required: true,
                        minLength: 5,
                        maxLength: REASON_MAX,
                        rows: 2,
                      }}
                    />
                    <div className="button-row">
                      <button type="submit" className="button button-danger">
                        {t('review.hide')}
                      </button>
                      <Link to={withParams({ hide: null })}>{t('form.cancel')}</Link>
                    </div>
                  </Form>
                ) : null}
                {r.hidden_at ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="unhide" />
                    <input type="hidden" name="reviewId" value={r.id} />
                    <button type="submit" className="button button-secondary">
                      {t('review.unhide')}
                    </button>
                  </Form>
                ) : (
                  <>
                    <details open={mine && Boolean(errors?.reply)}>
                      <summary>{r.reply ? t('review.editReply') : t('review.writeReply')}</summary>
                      <Form method="post" className="form">
                        <input type="hidden" name="intent" value="reply" />
                        <input type="hidden" name="reviewId" value={r.id} />
                        <TextareaField
                          label={t('review.reply')}
                          errors={mine ? (errors?.reply ?? null) : null}
                          errorId={`reply-${r.id}-error`}
                          textareaProps={{
                            id: `reply-${r.id}`,
                            name: 'reply',
                            required: true,
                            minLength: 2,
                            maxLength: REPLY_MAX,
                            rows: 3,
                            defaultValue: r.reply ?? '',
                          }}
                        />
                        <button type="submit" className="button">
                          {t('review.sendReply')}
                        </button>
                      </Form>
                    </details>
                    {hiding === r.id ? null : (
                      <p>
                        <Link to={withParams({ hide: r.id })}>
                          {t('review.hide')}
                          <span className="visually-hidden"> {r.product_name}</span>
                        </Link>
                      </p>
                    )}
                  </>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <Pagination page={page} pages={pageCount(reviews.total, REVIEWS_PER_PAGE)} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.uptReviews') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
