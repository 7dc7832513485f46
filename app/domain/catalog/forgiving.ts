import damerauLevenshtein from 'damerau-levenshtein'
import { SYNONYM_WORDS, synonymsOf } from './synonyms.ts'

/**
 * Search that forgives (ADR 023): typos are corrected against a vocabulary of the catalog's
 * own words, and bilingual synonyms widen a word, before the full-text search runs. Pure: the
 * vocabulary is read by `vocabulary.ts`, the search itself is `searchCatalog`.
 */

/** Lower case, accents removed (é -> e), as the full-text index folds them. */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

/** The words of a text worth remembering for corrections: letters only, 3 characters or more, folded. */
export function vocabularyWords(text: string): string[] {
  const out = new Set<string>()
  for (const raw of text.split(/[^\p{L}\p{M}]+/u)) {
    const w = foldWord(raw)
    if (w.length >= 3 && w.length <= 40) out.add(w)
  }
  return [...out]
}

/** Typos forgiven: one edit (insert, delete, substitute, swap two neighbours) up to 5 letters, two beyond. */
export function maxEdits(word: string): number {
  if (word.length < 3) return 0
  return word.length <= 5 ? 1 : 2
}

/** A set of known words answering "is this a word (or the start of one)?" and "what did they mean?". */
export class Vocabulary {
  readonly #sorted: string[]
  readonly #all: string[]

  constructor(words: Iterable<string>) {
    this.#sorted = [...new Set(words)].sort()
    this.#all = [...new Set([...this.#sorted, ...SYNONYM_WORDS])]
  }

  get size() {
    return this.#sorted.length
  }

  /** True when `word` (folded) is a catalog word or the start of one: the search matches prefixes. */
  knows(word: string): boolean {
    let lo = 0
    let hi = this.#sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.#sorted[mid]! < word) lo = mid + 1
      else hi = mid
    }
    return lo < this.#sorted.length && this.#sorted[lo]!.startsWith(word)
  }

  /**
   * The closest known words (catalog or synonym list) within `maxEdits(word)` edits, fewest edits
   * first, at most `limit`; among equals, those sharing the first letter, then alphabetical.
   */
  closest(word: string, limit = 3): string[] {
    const max = maxEdits(word)
    if (max === 0) return []
    const hits: { w: string; d: number }[] = []
    for (const w of this.#all) {
      if (Math.abs(w.length - word.length) > max || w === word) continue
      const d = damerauLevenshtein(word, w).steps
      if (d <= max) hits.push({ w, d })
    }
    hits.sort(
      (a, b) =>
        a.d - b.d || Number(b.w[0] === word[0]) - Number(a.w[0] === word[0]) || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0),
    )
    const best = hits[0]?.d
    return hits
      .filter((h) => h.d === best)
      .slice(0, limit)
      .map((h) => h.w)
  }
}

export interface ExpandedQuery {
  /** One group per word typed: any word of a group may match; every group must. */
  groups: string[][]
  /** The query with each corrected word replaced by its best correction, or null when nothing was corrected. */
  suggestion: string | null
}

/**
 * Widens the words of a search: each keeps itself, gains its synonyms, and, when the catalog
 * knows no word starting with it (and the synonym list neither), gains the closest known words
 * and their synonyms. "btik" -> [btik, batik]; "bag" -> [bag, tas, bags]; "kopii" -> [kopii, kopi, coffee].
 */
export function expandQuery(words: string[], vocabulary: Vocabulary): ExpandedQuery {
  let corrected = false
  const suggestion: string[] = []
  const groups = words.map((typed) => {
    const w = foldWord(typed)
    const group = new Set<string>([typed])
    for (const s of synonymsOf(w)) if (s !== w) group.add(s)
    if (group.size === 1 && !vocabulary.knows(w) && !/^\p{N}+$/u.test(w)) {
      const close = vocabulary.closest(w)
      if (close.length > 0) {
        corrected = true
        suggestion.push(close[0]!)
        for (const c of close) for (const s of synonymsOf(c)) group.add(s)
        return [...group]
      }
    }
    suggestion.push(typed)
    return [...group]
  })
  return { groups, suggestion: corrected ? suggestion.join(' ') : null }
}
