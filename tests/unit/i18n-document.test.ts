import { describe, expect, test } from 'vitest'
import { messagesAsset } from '#app/i18n/assets.server.ts'
import { MESSAGES } from '#app/i18n/index.ts'
import { makeTranslator } from '#app/i18n/translate.ts'
import { loader } from '#app/routes/i18n.$file.ts'

const get = (file: string) =>
  loader({
    params: { file },
    request: new Request(`http://localhost/i18n/${file}`),
    context: { cspNonce: 'test', requestId: 'test' },
  }) as Response

describe('messages for the browser', () => {
  test("each language's messages are a file named by its content, cached for good; an old name gets today's messages uncached", async () => {
    for (const lang of ['id', 'en'] as const) {
      const asset = messagesAsset(lang)
      expect(asset.href).toMatch(new RegExp(`^/i18n/${lang}\\.[0-9a-f]{16}\\.json$`))
      const res = get(asset.href.slice('/i18n/'.length))
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(res.headers.get('content-type')).toContain('application/json')
      expect(await res.json()).toEqual({ lang, messages: MESSAGES[lang] })
    }
    expect(messagesAsset('id').hash).not.toBe(messagesAsset('en').hash)
    const old = get('id.0000000000000000.json')
    expect(old.headers.get('cache-control')).toBe('no-cache')
    expect((await old.json()).lang).toBe('id')
    for (const bad of ['xx.0000000000000000.json', 'id.json', '../etc/passwd', 'id.0000000000000000.js'])
      expect(get(bad).status).toBe(404)
  })

  test('a translator over one language falls back to Indonesian, then to the key, and fills parameters', () => {
    const t = makeTranslator({ 'a.b': 'Halo {name}' }, { 'c.d': 'Cadangan' })
    expect(t('a.b', { name: 'Ayu' })).toBe('Halo Ayu')
    expect(t('c.d')).toBe('Cadangan')
    expect(t('e.f')).toBe('e.f')
  })
})
