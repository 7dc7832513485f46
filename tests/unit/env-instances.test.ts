import express from 'express'
import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from '#app/lib/env.server.ts'

/** Settings every instance behind a proxy depends on, checked at start-up with one line. */
const env = (vars: Record<string, string>) => parseEnv({ MITRA_MODE: 'demo', ...vars } as unknown as NodeJS.ProcessEnv)

describe('TRUST_PROXY', () => {
  test('a hop count is a number, so Express trusts that many proxies (not the address "0.0.0.1")', () => {
    const app = express()
    app.set('trust proxy', env({ TRUST_PROXY: '1' }).trustProxy)
    const trusts = app.get('trust proxy fn') as (address: string, hop: number) => boolean
    // The proxy next to us is trusted to say who the client is; whatever it was told is not.
    expect(trusts('10.1.2.3', 0)).toBe(true)
    expect(trusts('203.0.113.9', 1)).toBe(false)
  })

  test('addresses, subnets and the named ranges', () => {
    expect(env({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback'])
    expect(env({ TRUST_PROXY: '10.0.0.0/8, loopback,fd00::/8, 192.0.2.7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      'fd00::/8',
      '192.0.2.7',
    ])
    const app = express()
    app.set('trust proxy', env({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy)
    const trusts = app.get('trust proxy fn') as (address: string, hop: number) => boolean
    expect(trusts('10.20.30.40', 0)).toBe(true)
    expect(trusts('127.0.0.1', 0)).toBe(false)
  })

  test('unset, empty, false and 0 trust nobody', () => {
    for (const v of ['', 'false', '0']) expect(env({ TRUST_PROXY: v }).trustProxy).toBeUndefined()
    expect(env({}).trustProxy).toBeUndefined()
  })

  test.each([
    [
      'true',
      'TRUST_PROXY=true would let any client choose its own address (and escape rate limits): give the number of proxies in front (1) or their addresses (loopback, 10.0.0.0/8)',
    ],
    [
      'proxy.internal',
      'TRUST_PROXY "proxy.internal" is neither a number of proxies nor an address, subnet or loopback/linklocal/uniquelocal',
    ],
    [
      '10.0.0.0/33',
      'TRUST_PROXY "10.0.0.0/33" is neither a number of proxies nor an address, subnet or loopback/linklocal/uniquelocal',
    ],
    [
      'loopback,',
      'TRUST_PROXY "" is neither a number of proxies nor an address, subnet or loopback/linklocal/uniquelocal',
    ],
  ])('%s is refused with one line', (value, message) => {
    expect(() => env({ TRUST_PROXY: value })).toThrow(new EnvError(message))
  })
})

describe('PAGE_CACHE_SECONDS', () => {
  test('defaults to 5; 0 turns the page cache off', () => {
    expect(env({}).pageCacheSeconds).toBe(5)
    expect(env({ PAGE_CACHE_SECONDS: '0' }).pageCacheSeconds).toBe(0)
    expect(env({ PAGE_CACHE_SECONDS: '60' }).pageCacheSeconds).toBe(60)
  })

  test.each(['five', '-1', '2.5', '5s', '3601'])('%s is refused with one line', (value) => {
    expect(() => env({ PAGE_CACHE_SECONDS: value })).toThrow(
      new EnvError(`PAGE_CACHE_SECONDS must be a whole number of seconds from 0 (off) to 3600, not "${value}"`),
    )
  })
})
