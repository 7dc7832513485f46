import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ALL_STATUSES, SUB_ORDER_EVENTS, TERMINAL, staffEvents, transition } from '#app/domain/orders/state.ts'
import type { SubOrderStatus } from '#db/schema.ts'

describe('sub-order state machine', () => {
  test('the happy path and the documented exits', () => {
    expect(transition('pending_payment', 'pay')?.to).toBe('paid')
    expect(transition('paid', 'process')?.to).toBe('processing')
    expect(transition('processing', 'ship')).toEqual({ from: 'processing', to: 'shipped', releasesStock: false })
    expect(transition('shipped', 'complete')?.to).toBe('completed')
    expect(transition('pending_payment', 'expire')).toEqual({
      from: 'pending_payment',
      to: 'expired',
      releasesStock: true,
    })
    expect(transition('processing', 'cancel')?.releasesStock).toBe(true)
    expect(transition('shipped', 'refund')?.releasesStock).toBe(false)
    expect(transition('paid', 'ship')).toBeNull()
    expect(transition('expired', 'pay')).toBeNull()
    expect(staffEvents('paid')).toEqual(['process', 'cancel'])
    expect(staffEvents('completed')).toEqual([])
  })

  test('no sequence of events reaches an invalid state, leaves a terminal state, or moves stock twice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SUB_ORDER_EVENTS), { maxLength: 30 }), (events) => {
        let status: SubOrderStatus = 'pending_payment'
        let reserved = 1 // units held out of stock at checkout
        let releases = 0
        let shipped = false
        for (const e of events) {
          const t = transition(status, e)
          if (!t) continue
          expect(TERMINAL.has(status)).toBe(false)
          if (t.releasesStock) {
            releases++
            reserved--
          }
          if (t.to === 'shipped') shipped = true
          status = t.to
          expect(ALL_STATUSES).toContain(status)
        }
        expect(releases).toBeLessThanOrEqual(1)
        expect(reserved).toBeGreaterThanOrEqual(0)
        // Goods that never shipped and whose sub-order ended are back on the shelf.
        if (TERMINAL.has(status) && !shipped) expect(reserved).toBe(0)
        // Goods that shipped never come back as stock.
        if (shipped) expect(releases).toBe(0)
      }),
      { numRuns: 2000 },
    )
  })
})
