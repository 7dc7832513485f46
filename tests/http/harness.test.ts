import { describe, expect, test } from 'vitest'
import { changedTables, fingerprint, send, sessionFor } from './support.ts'

describe('HTTP harness', () => {
  test('the built server answers over real HTTP: health, a missing page, a signed-in page', async () => {
    const health = await send('/healthz')
    expect(health.status).toBe(200)
    expect(health.json()).toMatchObject({ status: 'ok', database: 'ok' })
    expect((await send('/no-such-page')).status).toBe(404)
    const anon = await send('/account')
    expect(anon.status).toBe(302)
    expect(anon.headers.get('Location')).toMatch(/^\/login/)
    const cookie = await sessionFor('pembeli@mitralipas.demo')
    const account = await send('/account', { cookie })
    expect(account.status).toBe(200)
    expect(account.text).toContain('pembeli@mitralipas.demo')
  })

  test('a fingerprint of the database sees a write and ignores reads', async () => {
    const before = await fingerprint()
    await send('/products')
    expect(changedTables(before, await fingerprint())).toEqual([])
    const cookie = await sessionFor('pembeli@mitralipas.demo')
    const catalog = await send('/products?q=batik')
    const slug = /href="\/products\/([a-z0-9-]+)"/.exec(catalog.text)?.[1]
    expect(slug).toBeTruthy()
    const added = await send(`/products/${slug}`, { cookie, form: { qty: '1' } })
    expect(added.status).toBe(302)
    expect(added.headers.get('Location')).toBe('/cart')
    expect(changedTables(before, await fingerprint())).toContain('cart_items')
  })
})
