import { describe, expect, test } from 'vitest'
import { MESSAGES } from '#app/i18n/index.ts'
import { makeTranslator } from '#app/i18n/translate.ts'
import { scriptSafeJson } from '#app/utils/i18n.tsx'

describe('messages in the document', () => {
  test('the JSON block cannot close its script element or open a comment, and parses back to the same messages', () => {
    const messages = { ...MESSAGES.id, 'x.evil': '</script><script>alert(1)</script><!-- \u2028' }
    const json = scriptSafeJson({ lang: 'id', messages })
    expect(json).not.toMatch(/<|\u2028/)
    expect(JSON.parse(json)).toEqual({ lang: 'id', messages })
  })

  test('a translator over one language falls back to Indonesian, then to the key, and fills parameters', () => {
    const t = makeTranslator({ 'a.b': 'Halo {name}' }, { 'c.d': 'Cadangan' })
    expect(t('a.b', { name: 'Ayu' })).toBe('Halo Ayu')
    expect(t('c.d')).toBe('Cadangan')
    expect(t('e.f')).toBe('e.f')
  })
})
