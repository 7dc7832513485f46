import crypto from 'node:crypto'
import { MESSAGES } from './index.ts'
import type { Lang } from './translate.ts'

export interface MessagesAsset {
  href: string
  body: string
  hash: string
}

const assets = new Map<Lang, MessagesAsset>()

/**
 * One language's messages as a static JSON file with a content hash in its name
 * (`/i18n/id.<hash>.json`): browsers fetch it once per release and keep it (immutable), so
 * neither the JavaScript bundles nor every HTML page carry the dictionaries.
 */
export function messagesAsset(lang: Lang): MessagesAsset {
  let a = assets.get(lang)
  if (!a) {
    const body = JSON.stringify({ lang, messages: MESSAGES[lang] })
    const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)
    a = { href: `/i18n/${lang}.${hash}.json`, body, hash }
    assets.set(lang, a)
  }
  return a
}
