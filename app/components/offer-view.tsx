import { Fragment, type ReactNode } from 'react'
import type { OfferTerms } from '#app/domain/offers/terms.ts'
import { formatDate, formatNumber, formatRupiah } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'
import { Quantity } from './partners.tsx'

/**
 * Read-only views of an offer shared by the /offers cards, the public offer page and the partner's
 * own offer page. Only a type comes from the terms module, so no zod reaches the browser.
 */

/** Remaining capacity, validity and coverage: the facts a card and the offer page both show. */
export function OfferSummary({
  offer,
}: {
  offer: { capacity_remaining: number; unit: string; valid_until: string; national: number }
}) {
  const t = useT()
  const lang = useLang()
  return (
    <dl className="dl">
      <dt>{t('offer.remaining')}</dt>
      <dd>
        <Quantity value={offer.capacity_remaining} unit={offer.unit} />
      </dd>
      <dt>{t('offer.validUntil')}</dt>
      <dd>{formatDate(offer.valid_until, lang)}</dd>
      <dt>{t('offer.coverage')}</dt>
      <dd>{offer.national ? t('partner.national') : t('offer.someProvinces')}</dd>
    </dl>
  )
}

/** The kind-specific terms (one branch per member of the OfferTerms union), as a definition list. */
export function OfferTermsList({ terms }: { terms: OfferTerms }) {
  const t = useT()
  const lang = useLang()
  const n = (v: number) => formatNumber(v, lang)
  const rows: [string, ReactNode][] = []
  switch (terms.kind) {
    case 'capital':
      rows.push(
        ['terms.view.amount', <span className="money">{formatRupiah(terms.amount)}</span>],
        ['terms.form', t(`terms.form.${terms.form}`)],
        ['terms.schedule', terms.schedule],
      )
      break
    case 'training':
      rows.push(['terms.seats', n(terms.seats)], ['terms.hours', n(terms.hours)])
      if (terms.certificationBody) rows.push(['terms.view.certificationBody', terms.certificationBody])
      break
    case 'expert':
      rows.push(
        ['terms.skill', terms.skill],
        ['terms.days', n(terms.days)],
        ['terms.mode', t(`terms.mode.${terms.mode}`)],
      )
      break
    case 'absorption':
      rows.push(
        ['terms.productCategory', terms.productCategory],
        ['terms.unitsPerMonth', n(terms.unitsPerMonth)],
        [
          'terms.view.unitPrice',
          terms.unitPrice ? (
            <span className="money">{formatRupiah(terms.unitPrice)}</span>
          ) : (
            t('terms.view.priceByAgreement')
          ),
        ],
        ['terms.months', n(terms.months)],
      )
      if (terms.qualityTerms) rows.push(['terms.view.qualityTerms', terms.qualityTerms])
      break
    case 'publication':
      rows.push(
        ['terms.channels', terms.channels],
        ['terms.view.reach', n(terms.reach)],
        ['terms.publications', n(terms.publications)],
      )
      break
  }
  return (
    <dl className="dl">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  )
}
