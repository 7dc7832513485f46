import { describe, expect, test } from 'vitest'
import { ttlCache } from '#app/lib/ttl-cache.ts'

describe('ttlCache', () => {
  test('computes once per window per key and again after it', async () => {
    let clock = 0
    let ttl = 5000
    const cached = ttlCache<object, number>(
      () => ttl,
      () => clock,
    )
    const a = {}
    const b = {}
    let runs = 0
    const compute = () => Promise.resolve(++runs)
    expect(await cached(a, compute)).toBe(1)
    clock = 4999
    expect(await cached(a, compute)).toBe(1)
    expect(await cached(b, compute)).toBe(2)
    clock = 5000
    expect(await cached(a, compute)).toBe(3)
    ttl = 0
    expect(await cached(a, compute)).toBe(4)
    expect(await cached(a, compute)).toBe(5)
  })

  test('callers during a computation share it; a failure is not kept', async () => {
    const cached = ttlCache<object, number>(
      () => 60_000,
      () => 0,
    )
    const key = {}
    let runs = 0
    const failing = () => Promise.reject(new Error(`run ${++runs}`))
    const [x, y] = [cached(key, failing), cached(key, failing)]
    await expect(x).rejects.toThrow('run 1')
    await expect(y).rejects.toThrow('run 1')
    expect(await cached(key, () => Promise.resolve(7))).toBe(7)
    expect(await cached(key, () => Promise.resolve(8))).toBe(7)
  })
})
