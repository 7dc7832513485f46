import { describe, expect, test } from 'vitest'
import { log, noteUser, requestIdFrom, runWithRequest } from '#app/lib/log.server.ts'
import { captureLogs } from '#tests/support/logs.ts'
import { routeMatcher } from '../../server/request-log.ts'

describe('the logger', () => {
  test('a line written while a request is answered names the request, and the user once known', () => {
    const lines = captureLogs()
    log.info('before any request')
    runWithRequest({ requestId: 'req-1' }, () => {
      log.warn('anonymous so far')
      noteUser('user-7')
      log.warn({ posting: 'payment' }, 'signed in now')
    })
    expect(lines.map(({ time: _time, ...rest }) => rest)).toEqual([
      { level: 'info', msg: 'before any request' },
      { level: 'warn', requestId: 'req-1', msg: 'anonymous so far' },
      { level: 'warn', requestId: 'req-1', userId: 'user-7', posting: 'payment', msg: 'signed in now' },
    ])
  })

  test('cookies, credentials, signatures, passwords, tokens, card data and email addresses are never written', () => {
    const lines = captureLogs()
    log.warn(
      {
        req: {
          headers: { cookie: 'ml_session=SESSION', authorization: 'Bearer AUTH', 'stripe-signature': 't=1,v1=SIG' },
        },
        headers: { cookie: 'cart=CART' },
        password: 'PASSWORD',
        token: 'TOKEN',
        buyer: { email: 'pembeli@example.com', card: '4242424242424242', secret: 'SECRET' },
      },
      'careless',
    )
    const line = JSON.stringify(lines[0])
    for (const secret of [
      'SESSION',
      'AUTH',
      'SIG',
      'CART',
      'PASSWORD',
      'TOKEN',
      'pembeli@example.com',
      '4242',
      'SECRET',
    ])
      expect(line).not.toContain(secret)
    expect(line).toContain('[redacted]')
  })

  test("a proxy's X-Request-Id is honoured when it is a plain token; anything else gets a new id", () => {
    expect(requestIdFrom('3f2a9c1e-proxy.42')).toBe('3f2a9c1e-proxy.42')
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    for (const bad of [undefined, '', 'a b', 'x'.repeat(129), 'id\nforged line', '<script>', '-leading', ['a', 'b']])
      expect(requestIdFrom(bad)).toMatch(uuid)
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined))
  })

  test('an error logged that no test expected fails the test (tests/setup/setup-each.ts)', () => {
    expect(() => log.error({ err: new Error('disk full') }, 'job failed')).toThrow(
      'Unexpected error log: job failed: disk full',
    )
    const lines = captureLogs()
    log.error('expected now')
    expect(lines).toMatchObject([{ level: 'error', msg: 'expected now' }])
  })
})

describe('route patterns of the request line', () => {
  const build = {
    routes: {
      root: { id: 'root', path: '', module: {} },
      'routes/_index': { id: 'routes/_index', parentId: 'root', index: true, module: {} },
      'routes/$': { id: 'routes/$', parentId: 'root', path: '*', module: {} },
      'routes/orders.$number.$token': {
        id: 'routes/orders.$number.$token',
        parentId: 'root',
        path: 'orders/:number/:token',
        module: {},
      },
      'routes/upt.$uptId.products.$productId': {
        id: 'routes/upt.$uptId.products.$productId',
        parentId: 'root',
        path: 'upt/:uptId/products/:productId',
        module: {},
      },
    },
  } as unknown as Parameters<typeof routeMatcher>[0]
  const match = routeMatcher(build)

  test('a path is named by the pattern Remix matched, data requests too', () => {
    expect(match('/')).toEqual({ route: '/', path: '/' })
    expect(match('/upt/u1/products/p9')).toEqual({
      route: '/upt/:uptId/products/:productId',
      path: '/upt/u1/products/p9',
    })
    expect(match('/upt/u1/products/p9.data')).toEqual({
      route: '/upt/:uptId/products/:productId',
      path: '/upt/u1/products/p9.data',
    })
    expect(match('/no/such/page')?.route).toBe('/*')
  })

  test('a secret in the path (an order link, an invitation) is replaced', () => {
    expect(match('/orders/ML-2026-0001/s3cr3t-T0ken')).toEqual({
      route: '/orders/:number/:token',
      path: '/orders/ML-2026-0001/[redacted]',
    })
    expect(match('/orders/ML-2026-0001/s3cr3t-T0ken.data')?.path).toBe('/orders/ML-2026-0001/[redacted]')
  })
})
