import { core } from './messages/core.ts'
import { matching } from './messages/matching.ts'
import { partners } from './messages/partners.ts'
import { market } from './messages/market.ts'
import { finance } from './messages/finance.ts'
import { payments } from './messages/payments.ts'
import { payouts } from './messages/payouts.ts'
import { ledger } from './messages/ledger.ts'
import { auth } from './messages/auth.ts'
import { statements } from './messages/statements.ts'
import { pages } from './messages/pages.ts'
import { opendata } from './messages/opendata.ts'
import { search } from './messages/search.ts'
import { trust } from './messages/trust.ts'
import { gateway } from './messages/gateway.ts'
import { checkout } from './messages/checkout.ts'
import { impact } from './messages/impact.ts'
import { forms } from './messages/forms.ts'
import { work } from './messages/work.ts'
import { publications } from './messages/publications.ts'
import { stories } from './messages/stories.ts'
import { reviews } from './messages/reviews.ts'
import { gallery } from './messages/gallery.ts'
import { consent } from './messages/consent.ts'
import { audit } from './messages/audit.ts'

import { DEFAULT_LANG, type Dict, type Lang, LANGS, makeTranslator, parseLang, type Translate } from './translate.ts'

export { DEFAULT_LANG, LANGS, parseLang }
export type { Dict, Lang, Translate }

/**
 * Every area adds its own messages file and lists it here. Indonesian is the source of truth:
 * English must have the same keys (a unit test checks).
 */
export const BUNDLES = {
  core,
  payments,
  partners,
  market,
  finance,
  matching,
  payouts,
  ledger,
  auth,
  statements,
  pages,
  opendata,
  search,
  trust,
  gateway,
  checkout,
  impact,
  forms,
  work,
  publications,
  stories,
  reviews,
  gallery,
  consent,
  audit,
}
const bundles = Object.values(BUNDLES)

export const MESSAGES: Record<Lang, Dict> = {
  id: Object.assign({}, ...bundles.map((b) => b.id)),
  en: Object.assign({}, ...bundles.map((b) => b.en)),
}

/** Server-side translation (emails, loaders, the first render). Falls back to Indonesian. */
export function translator(lang: Lang): Translate {
  return makeTranslator(MESSAGES[lang], MESSAGES.id)
}
