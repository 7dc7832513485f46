import { describe, expect, test } from 'vitest'
import { canEditReview, ratingSummary, reviewerName } from '#app/domain/reviews/rules.ts'

describe('review rules', () => {
  test('the displayed name is first name + initial, never the full name; one word or unticked is "Pembeli" (null)', () => {
    expect(reviewerName('Dewi Lestari', true)).toBe('Dewi L.')
    expect(reviewerName('  siti  nur   aisyah ', true)).toBe('siti A.')
    expect(reviewerName('Rahmat', true)).toBeNull()
    expect(reviewerName('Dewi Lestari', false)).toBeNull()
    expect(reviewerName('Ёлка Ärger', true)).toBe('Ёлка Ä.')
    expect(reviewerName('123 456', true)).toBeNull()
  })

  test('a review can be changed for 30 days', () => {
    const at = new Date('2026-11-01T00:00:00Z')
    expect(canEditReview(at.toISOString(), new Date('2026-11-30T23:59:59Z'))).toBe(true)
    expect(canEditReview(at.toISOString(), new Date('2026-12-01T00:00:01Z'))).toBe(false)
  })

  test('the average is shown with one decimal; no reviews is no rating', () => {
    expect(ratingSummary(10, 3)).toEqual({ average: 3.3, count: 3 })
    expect(ratingSummary(9, 2)).toEqual({ average: 4.5, count: 2 })
    expect(ratingSummary(0, 0)).toBeNull()
  })
})
