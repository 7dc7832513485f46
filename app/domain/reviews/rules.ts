/** Pure rules of buyer reviews (docs/domain.md, "Reviews"). */

/** A review can be changed by its writer for this many days after it was first written. */
export const REVIEW_EDIT_DAYS = 30

/** Reviews shown per page on the product page and in the UPT's moderation list. */
export const REVIEWS_PER_PAGE = 10

/**
 * The name shown with a review: the buyer's first name and the initial of their last name
 * ("Dewi Lestari" -> "Dewi L."), or null (shown as "Pembeli") when the buyer chose not to show it
 * or gave a single word. Never the full name.
 */
export function reviewerName(buyerName: string, showName: boolean): string | null {
  if (!showName) return null
  const words = buyerName
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{M}'-]/gu, ''))
    .filter((w) => w.length > 0)
  if (words.length < 2) return null
  const first = words[0]!.slice(0, 30)
  const initial = [...words[words.length - 1]!][0]!.toLocaleUpperCase('id')
  return `${first} ${initial}.`
}

/** Whether a review written at `createdAt` may still be changed at `now`. */
export function canEditReview(createdAt: string, now: Date = new Date()): boolean {
  return now.getTime() - new Date(createdAt).getTime() <= REVIEW_EDIT_DAYS * 24 * 60 * 60 * 1000
}

/** Average (one decimal, as shown) and count from the sum and count of visible ratings. */
export function ratingSummary(sum: number, count: number): { average: number; count: number } | null {
  if (count <= 0) return null
  return { average: Math.round((sum / count) * 10) / 10, count }
}
