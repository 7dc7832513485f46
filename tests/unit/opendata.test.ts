import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { decodeCursor, encodeCursor, queryKey } from '#app/domain/opendata/cursor.ts'
import { DATASETS } from '#app/domain/opendata/datasets.ts'
import { rowSchema } from '#app/domain/opendata/openapi.ts'
import { FORBIDDEN_FIELD, personalDataIn, REDACTED, redactContacts } from '#app/domain/opendata/privacy.ts'
import { EnvError, parseEnv } from '#app/lib/env.server.ts'

describe('open-data cursors', () => {
  test('a cursor reads back only for the dataset and filters it was made for', () => {
    const key = queryKey('offers', { kind: 'training', province: '35' })
    expect(queryKey('offers', { province: '35', kind: 'training' })).toBe(key)
    const c = encodeCursor(40, key)
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(c, key)).toBe(40)
    expect(decodeCursor(c, queryKey('offers', { kind: 'capital', province: '35' }))).toBeNull()
    expect(decodeCursor(c, queryKey('programs', { kind: 'training', province: '35' }))).toBeNull()
  })

  test('anything else is not a cursor (never an exception)', () => {
    const key = queryKey('offers', {})
    fc.assert(
      fc.property(fc.string(), (s) => decodeCursor(s, key) === null || Number.isSafeInteger(decodeCursor(s, key))),
    )
    for (const bad of [
      '',
      '!!',
      Buffer.from('{"o":-5,"k":"' + key + '"}').toString('base64url'),
      Buffer.from('{"o":"5","k":"' + key + '"}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ]) {
      expect(decodeCursor(bad, key)).toBeNull()
    }
  })
})

describe('personal data in open data', () => {
  const none = new Set<string>()
  test.each([
    ['an e-mail', 'hubungi budi.santoso@contoh.co.id', 'email'],
    ['a mobile number', 'WA 0812-3456-7890', 'phone'],
    ['an international number', 'telp +62 21 555 1234', 'phone'],
    ['a NIK', 'NIK 3578012345670001', 'personal number'],
    ['a NIB', 'NIB 9120001234567', 'personal number'],
    ['a dotted NPWP', 'NPWP 01.234.567.8-912.000', 'personal number'],
  ])('finds %s', (_what, text, what) => {
    expect(personalDataIn('t', 'title', text, none).map((f) => f.what)).toContain(what)
    expect(redactContacts(text)).toContain(REDACTED)
    expect(personalDataIn('t', 'title', redactContacts(text), none)).toEqual([])
  })

  test('leaves ids, dates, money and counts alone', () => {
    for (const ok of [
      '019aef12-3456-7000-8000-000000000000',
      '2026-11-30',
      '2026-11',
      '1250000',
      '75000000',
      'Tenun ikat Kediri',
      'https://portal.example/offers/0190aaaa-0000-7000-8000-000000000000',
      'Rp 350.000',
    ]) {
      expect(personalDataIn('t', 'title', ok, none)).toEqual([])
      expect(redactContacts(ok)).toBe(ok)
    }
  })

  test('finds a user name and a field named for a person, a contact or an inmate', () => {
    expect(personalDataIn('t', 'partner_name', 'Budi Santoso', new Set(['budi santoso']))[0]!.what).toBe('user name')
    for (const field of [
      'email',
      'contact_phone',
      'buyer_address',
      'alamat',
      'nik',
      'wbp_name',
      'inmate_id',
      'nama_napi',
      'user_id',
    ])
      expect(FORBIDDEN_FIELD.test(field), field).toBe(true)
    for (const field of DATASETS.flatMap((d) => d.fields.map((f) => f.name)))
      expect(FORBIDDEN_FIELD.test(field), field).toBe(false)
  })
})

describe('dataset descriptions', () => {
  test('every dataset has fields, bilingual texts and a closed row schema', () => {
    for (const d of DATASETS) {
      expect(d.fields.length).toBeGreaterThan(3)
      for (const t of [
        d.title,
        d.description,
        d.frequency,
        ...d.fields.map((f) => f.text),
        ...d.params.map((p) => p.text),
      ]) {
        expect(t.id.length).toBeGreaterThan(1)
        expect(t.en.length).toBeGreaterThan(1)
      }
      const schema = rowSchema(d)
      expect(schema.additionalProperties).toBe(false)
      expect(schema.required).toEqual(d.fields.map((f) => f.name))
    }
  })
})

const env = (vars: Record<string, string>) => parseEnv({ MITRA_MODE: 'demo', ...vars } as unknown as NodeJS.ProcessEnv)

describe('OPEN_DATA_RATE_LIMIT', () => {
  test('defaults to 120 a minute and refuses nonsense with one line', () => {
    expect(env({}).openDataRateLimit).toBe(120)
    expect(env({ OPEN_DATA_RATE_LIMIT: '30' }).openDataRateLimit).toBe(30)
    for (const bad of ['0', '-1', 'lots', '1.5']) expect(() => env({ OPEN_DATA_RATE_LIMIT: bad })).toThrow(EnvError)
  })
})
