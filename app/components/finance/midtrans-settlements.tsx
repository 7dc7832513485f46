import { Form } from '@remix-run/react'
import { Field } from '#app/components/ui/field.tsx'
import { EmptyState, Money, Pagination } from '#app/components/ui/misc.tsx'
import { formatDate } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

interface Allocation {
  upt_id: string
  upt_name: string
  gross: number
  fees: number
  net: number
  transactions: number
  bank_name: string | null
  account_number: string | null
}
interface Settlement {
  id: string
  bank_reference: string
  settled_on: string
  net?: number
  transactions?: number
  allocations: Allocation[]
}
interface Reply {
  fields: { bankReference?: string; report?: string }
  lines: { row: number; code: string; value: string; params?: Record<string, string | number> }[]
  values: { bankReference: string }
}

/**
 * Midtrans settlements on /finance/payouts (ADR 028): national finance uploads Midtrans'
 * settlement report with the bank credit's reference; everyone in finance sees the booked
 * settlements, a UPT's finance only its own share.
 */
export function MidtransSettlements({
  national,
  upt,
  settlements,
  page,
  pages,
  reply,
  busy,
}: {
  national: boolean
  upt: string | null
  settlements: Settlement[]
  page: number
  pages: number
  reply: Reply | null
  busy: boolean
}) {
  const t = useT()
  const lang = useLang()
  return (
    <section className="stack" aria-labelledby="midtrans-title">
      <h2 id="midtrans-title">{t('mtSettle.title')}</h2>
      <p className="lead">{upt ? t('mtSettle.leadUpt', { upt }) : t('mtSettle.leadNational')}</p>
      {national ? (
        <div className="card">
          <h3>{t('mtSettle.upload')}</h3>
          {/* a new key once a report is booked: the form starts empty again */}
          <Form
            key={settlements[0]?.id ?? 'none'}
            method="post"
            encType="multipart/form-data"
            className="form"
            aria-describedby={reply?.lines.length ? 'report-lines' : undefined}
          >
            <input type="hidden" name="intent" value="midtrans" />
            <Field
              label={t('mtSettle.bankReference')}
              hint={t('mtSettle.bankReferenceHint')}
              errors={reply?.fields.bankReference ? [reply.fields.bankReference] : null}
              inputProps={{
                name: 'bankReference',
                type: 'text',
                required: true,
                maxLength: 60,
                autoComplete: 'off',
                defaultValue: reply?.values.bankReference ?? '',
              }}
            />
            <Field
              label={t('mtSettle.file')}
              hint={t('mtSettle.fileHint')}
              errors={reply?.fields.report ? [reply.fields.report] : null}
              inputProps={{ name: 'report', type: 'file', required: true, accept: '.csv,.txt,text/csv,text/plain' }}
            />
            {reply?.lines.length ? (
              <div className="alert alert-error" id="report-lines" role="alert">
                <p>{t('mtSettle.linesLead')}</p>
                <ul>
                  {reply.lines.map((l) => (
                    <li key={`${l.row}-${l.code}-${l.value}-${String(l.params?.column ?? '')}`}>
                      {l.row > 0 ? <strong>{t('mtSettle.row', { row: l.row })}</strong> : null}{' '}
                      {l.value ? <code>{l.value}</code> : null} {t(l.code, stringParams(l.params))}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                {busy ? t('payout.working') : t('mtSettle.submit')}
              </button>
            </div>
          </Form>
          <p className="muted small">{t('mtSettle.columnsHelp')}</p>
        </div>
      ) : null}
      {settlements.length === 0 ? (
        <EmptyState title={t('mtSettle.empty')}>
          {national ? t('mtSettle.emptyHintNational') : t('mtSettle.emptyHintUpt')}
        </EmptyState>
      ) : (
        <ul className="payouts" aria-label={t('mtSettle.title')}>
          {settlements.map((s) => (
            <li key={s.id} id={`settlement-${s.id}`} className="card stack" data-testid="settlement">
              <h3>
                {s.net !== undefined ? (
                  <>
                    <Money amount={s.net} /> ·{' '}
                  </>
                ) : null}
                {formatDate(s.settled_on, lang)}
              </h3>
              <p className="muted">
                {t('mtSettle.reference', { reference: s.bank_reference })}
                {s.transactions !== undefined ? ` · ${t('mtSettle.transactions', { n: s.transactions })}` : null}
              </p>
              <ul
                className="payout-shares"
                aria-label={t('mtSettle.allocationCaption', { reference: s.bank_reference })}
              >
                {s.allocations.map((a) => (
                  <li key={a.upt_id} className="payout-share" data-testid="settlement-share">
                    <p className="share-head">
                      <strong>{a.upt_name}</strong>
                      {national && a.account_number ? (
                        <span className="muted small">
                          {a.bank_name} {a.account_number}
                        </span>
                      ) : null}
                    </p>
                    <dl className="dl">
                      <dt>{t('payout.charges')}</dt>
                      <dd>
                        <Money amount={a.gross} />
                      </dd>
                      <dt>{t('mtSettle.fees')}</dt>
                      <dd>
                        <Money amount={-a.fees} />
                      </dd>
                      <dt>{t('payout.net')}</dt>
                      <dd className="share-net">
                        <Money amount={a.net} />
                      </dd>
                    </dl>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} param="spage" />
    </section>
  )
}

const stringParams = (p?: Record<string, string | number>) =>
  p
    ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString('id-ID') : v]))
    : undefined
