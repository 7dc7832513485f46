import { core } from './messages/core.ts'
import { matching } from './messages/matching.ts'
import { partners } from './messages/partners.ts'
import { market } from './messages/market.ts'
import { finance } from './messages/finance.ts'
import { payments } from './messages/payments.ts'
import { payouts } from './messages/payouts.ts'
import { ledger } from './messages/ledger.ts'

export type Lang = 'id' | 'en'
export const LANGS: Lang[] = ['id', 'en']
export const DEFAULT_LANG: Lang = 'id'

/**
 * Every area adds its own messages file and lists it here. Indonesian is the source of truth:
 * English must have the same keys (a unit test checks).
 */
const bundles = [
  core,
  payments,
  partners,
  market,
  finance,
  matching,
  payouts,
  ledger,
]

type Dict = Record<string, string>
export const MESSAGES: Record<Lang, Dict> = {
  id: Object.assign({}, ...bundles.map((b) => b.id)),
  en: Object.assign({}, ...bundles.map((b) => b.en)),
}

export type Translate = (key: string, params?: Record<string, string | number>) => string

export function translator(lang: Lang): Translate {
  const dict = MESSAGES[lang]
  return (key, params) => {
    const template = dict[key] ?? MESSAGES.id[key] ?? key
    if (!params) return template
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
  }
}

export function parseLang(value: string | null | undefined): Lang | null {
  return value === 'id' || value === 'en' ? value : null
}
