/**
 * The upload storage interface, held to one contract by both backends: the local folder and an
 * S3-compatible bucket (answered by tests/mocks/s3.ts, with onUnhandledRequest: 'error').
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { parseStorageConfig } from '#app/lib/storage-config.server.ts'
import { localStorage } from '#app/integrations/storage/local.server.ts'
import { s3Storage } from '#app/integrations/storage/s3.server.ts'
import type { ObjectStorage, StoredObject } from '#app/integrations/storage/types.ts'
import { MOCK_S3_ENV, s3Mock } from '#tests/mocks/s3.ts'

const s3Config = (env: Record<string, string> = {}) => {
  const c = parseStorageConfig({ ...MOCK_S3_ENV, ...env })
  if (c.kind !== 's3') throw new Error('not s3')
  return c
}

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-storage-'))
  s3Mock.reset()
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
  s3Mock.reset()
})

const backends: [string, () => ObjectStorage][] = [
  ['local', () => localStorage(dir)],
  ['s3', () => s3Storage(s3Config())],
]

async function collect(it: AsyncIterable<StoredObject>) {
  const out: StoredObject[] = []
  for await (const o of it) out.push(o)
  return out.sort((a, b) => a.key.localeCompare(b.key))
}

const bytes = (s: string) => new TextEncoder().encode(s)

describe.each(backends)('%s storage', (kind, make) => {
  test('an object put is read back whole with its size; an unknown key is null', async () => {
    const storage = make()
    expect(storage.kind).toBe(kind)
    const body = new Uint8Array(300_000).map((_, i) => (i * 7) % 256)
    await storage.put('proofs/proof-a.webp', body, 'image/webp')
    const got = await storage.get('proofs/proof-a.webp')
    expect(got?.size).toBe(body.length)
    expect(Buffer.from(got!.bytes).equals(Buffer.from(body))).toBe(true)
    expect(await storage.get('proofs/proof-missing.webp')).toBeNull()
    expect(await storage.get('proofs')).toBeNull()
  })

  test('a listing holds the folder’s own objects with name, key, size and time, not those of sub-folders or siblings', async () => {
    const storage = make()
    const before = Date.now() - 1000
    await storage.put('a.webp', bytes('top'), 'image/webp')
    await storage.put('proofs/proof-1.webp', bytes('one'), 'image/webp')
    await storage.put('proofs/proof-2.webp', bytes('two!'), 'image/webp')
    await storage.put('pks/pks-1.pdf', bytes('%PDF-'), 'application/pdf')
    const top = await collect(storage.list(''))
    expect(top.map((o) => [o.key, o.name, o.size])).toEqual([['a.webp', 'a.webp', 3]])
    const proofs = await collect(storage.list('proofs'))
    expect(proofs.map((o) => [o.key, o.name, o.size])).toEqual([
      ['proofs/proof-1.webp', 'proof-1.webp', 3],
      ['proofs/proof-2.webp', 'proof-2.webp', 4],
    ])
    for (const o of proofs) expect(o.modifiedAt.getTime()).toBeGreaterThan(before)
    expect(await collect(storage.list('nothing-here'))).toEqual([])
  })

  test('remove deletes the object and is not an error for a missing key', async () => {
    const storage = make()
    await storage.put('pks/pks-1.pdf', bytes('%PDF-1'), 'application/pdf')
    await storage.remove('pks/pks-1.pdf')
    await storage.remove('pks/pks-1.pdf')
    expect(await storage.get('pks/pks-1.pdf')).toBeNull()
    expect(await collect(storage.list('pks'))).toEqual([])
  })

  test('keys that could leave the storage root are refused before anything is touched', async () => {
    const storage = make()
    for (const key of [
      '../outside.webp',
      '/etc/passwd',
      'proofs/../../x',
      'a//b',
      '',
      '.hidden',
      'proofs/.',
      'a b.webp',
      'a\\b',
    ]) {
      await expect(storage.put(key, bytes('x'), 'image/webp'), key).rejects.toThrow(/Not a storage key/)
      await expect(storage.get(key), key).rejects.toThrow(/Not a storage key/)
    }
    expect(fs.readdirSync(dir)).toEqual([])
    expect(fs.existsSync(path.join(os.tmpdir(), 'outside.webp'))).toBe(false)
    expect(s3Mock.requests).toEqual([])
  })

  test('check() passes on a reachable backend', async () => {
    await expect(make().check()).resolves.toBeUndefined()
  })
})

describe('local storage', () => {
  test('never overwrites: a second put of the same key is refused and the first bytes stay', async () => {
    const storage = localStorage(dir)
    await storage.put('pks/pks-1.pdf', bytes('%PDF-first'), 'application/pdf')
    await expect(storage.put('pks/pks-1.pdf', bytes('%PDF-second'), 'application/pdf')).rejects.toThrow(/EEXIST/)
    expect(fs.readFileSync(path.join(dir, 'pks', 'pks-1.pdf'), 'utf8')).toBe('%PDF-first')
  })

  test('keeps the layout the portal always used: photos at the top, proofs/ and pks/ below', async () => {
    const storage = localStorage(dir)
    await storage.put('x.webp', bytes('p'), 'image/webp')
    await storage.put('proofs/proof-x.webp', bytes('q'), 'image/webp')
    expect(fs.readFileSync(path.join(dir, 'x.webp'), 'utf8')).toBe('p')
    expect(fs.readFileSync(path.join(dir, 'proofs', 'proof-x.webp'), 'utf8')).toBe('q')
  })
})

describe('S3 storage', () => {
  test('requests are signed with the configured key, path style, in the configured bucket', async () => {
    const storage = s3Storage(s3Config())
    await storage.put('proofs/proof-a.webp', bytes('abc'), 'image/webp')
    expect(s3Mock.keys()).toEqual(['proofs/proof-a.webp'])
    const o = s3Mock.bucket(MOCK_S3_ENV.S3_BUCKET).get('proofs/proof-a.webp')!
    expect(o.contentType).toBe('image/webp')
    expect(s3Mock.requests).toEqual([
      expect.objectContaining({
        method: 'PUT',
        bucket: MOCK_S3_ENV.S3_BUCKET,
        key: 'proofs/proof-a.webp',
        accessKeyId: MOCK_S3_ENV.S3_ACCESS_KEY_ID,
      }),
    ])
  })

  test('virtual-hosted addressing (S3_FORCE_PATH_STYLE=false) reaches the same bucket', async () => {
    const storage = s3Storage(s3Config({ S3_FORCE_PATH_STYLE: 'false' }))
    await storage.put('a.webp', bytes('v'), 'image/webp')
    expect(Buffer.from((await storage.get('a.webp'))!.bytes).toString()).toBe('v')
    expect(s3Mock.keys()).toEqual(['a.webp'])
  })

  test('S3_PREFIX keeps the portal’s objects apart from others in a shared bucket', async () => {
    s3Mock.putDirect('a.webp', bytes('someone else'))
    s3Mock.putDirect('other-app/x.webp', bytes('someone else'))
    const storage = s3Storage(s3Config({ S3_PREFIX: 'portal/prod' }))
    await storage.put('a.webp', bytes('ours'), 'image/webp')
    await storage.put('proofs/proof-1.webp', bytes('ours'), 'image/webp')
    expect(s3Mock.keys()).toEqual([
      'a.webp',
      'other-app/x.webp',
      'portal/prod/a.webp',
      'portal/prod/proofs/proof-1.webp',
    ])
    expect((await collect(storage.list(''))).map((o) => o.key)).toEqual(['a.webp'])
    expect((await collect(storage.list('proofs'))).map((o) => o.key)).toEqual(['proofs/proof-1.webp'])
    expect(Buffer.from((await storage.get('a.webp'))!.bytes).toString()).toBe('ours')
  })

  test('a listing follows continuation tokens across pages', async () => {
    const storage = s3Storage(s3Config(), { pageSize: 2 })
    const names = Array.from({ length: 7 }, (_, i) => `proof-${i}.webp`)
    for (const n of names) await storage.put(`proofs/${n}`, bytes(n), 'image/webp')
    await storage.put('proofs/sub/deeper.webp', bytes('no'), 'image/webp')
    expect((await collect(storage.list('proofs'))).map((o) => o.name)).toEqual(names)
    const lists = s3Mock.requests.filter((r) => r.method === 'GET' && r.query.includes('list-type=2'))
    expect(lists.length).toBeGreaterThanOrEqual(4)
  })

  test('a refusing bucket (AccessDenied) makes reads and writes fail loudly, never look empty', async () => {
    const storage = s3Storage(s3Config())
    await storage.put('a.webp', bytes('x'), 'image/webp')
    s3Mock.denyAll = true
    await expect(storage.put('b.webp', bytes('y'), 'image/webp')).rejects.toThrow(/Access Denied|AccessDenied/)
    await expect(storage.get('a.webp')).rejects.toThrow(/Access Denied|AccessDenied/)
    await expect(collect(storage.list(''))).rejects.toThrow(/Access Denied|AccessDenied/)
    await expect(storage.check()).rejects.toThrow()
    s3Mock.denyAll = false
    expect(s3Mock.keys()).toEqual(['a.webp'])
  })
})
