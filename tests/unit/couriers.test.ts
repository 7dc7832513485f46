import { describe, expect, test } from 'vitest'
import { findCourier, trackingUrl } from '#app/lib/couriers.ts'

describe('courier tracking links', () => {
  test('names as staff type them find the courier', () => {
    for (const typed of ['JNE', 'jne', 'JNE REG', 'JNE YES']) expect(findCourier(typed)?.name).toBe('JNE')
    for (const typed of ['J&T', 'J&T Express', 'jnt', 'JNT Express'])
      expect(findCourier(typed)?.name).toBe('J&T Express')
    expect(findCourier('Pos Indonesia')?.name).toBe('Pos Indonesia')
    expect(findCourier('SiCepat Halu')?.name).toBe('SiCepat')
  })

  test('a tracking number becomes the courier page, encoded', () => {
    expect(trackingUrl('JNE', 'JNE0012345678')).toBe('https://www.jne.co.id/tracking-package?awb=JNE0012345678')
    expect(trackingUrl('AnterAja', ' 10001234567 ')).toBe('https://anteraja.id/tracking/10001234567')
  })

  test('unknown couriers and odd numbers stay plain text', () => {
    expect(trackingUrl('Kurir Lapas', 'ABC12345')).toBeNull()
    expect(trackingUrl('', 'ABC12345')).toBeNull()
    expect(trackingUrl(null, 'ABC12345')).toBeNull()
    expect(trackingUrl('JNE', 'abc"><script>')).toBeNull()
    expect(trackingUrl('JNE', 'ab')).toBeNull()
    expect(trackingUrl('JNE', null)).toBeNull()
    // "jt" alone is too short to match the start of another word.
    expect(findCourier('Jtrans')).toBeNull()
  })
})
