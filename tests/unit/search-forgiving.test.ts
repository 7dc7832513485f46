import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expandQuery, foldWord, maxEdits, Vocabulary, vocabularyWords } from '#app/domain/catalog/forgiving.ts'
import { SYNONYM_GROUPS, synonymsOf } from '#app/domain/catalog/synonyms.ts'
import { fts5Match, tsqueryText } from '#db/search-syntax.ts'

const catalog = new Vocabulary(
  vocabularyWords(
    'Batik Tulis Motif Kediri. Kain batik tulis katun. Kopi Arabika Kintamani, biji kopi sangrai. Tas Anyaman Pandan. Ukiran Kayu Garuda. Kursi Tamu Jati. Café Crème Bali',
  ),
)

describe('words and edits', () => {
  it('folds case and accents as the full-text index does', () => {
    expect(foldWord('Kintamâni')).toBe('kintamani')
    expect(foldWord('CAFÉ')).toBe('cafe')
    expect(vocabularyWords('Café Crème, 2 x 1,15 m; tas-tas')).toEqual(['cafe', 'creme', 'tas'])
  })

  it('allows one edit up to 5 letters, two beyond, none under 3', () => {
    expect([maxEdits('ka'), maxEdits('tas'), maxEdits('kopii'), maxEdits('batikk'), maxEdits('kintamanni')]).toEqual([
      0, 1, 1, 2, 2,
    ])
  })
})

describe('Vocabulary', () => {
  it('knows words and the starts of words (the search matches prefixes)', () => {
    expect(catalog.knows('batik')).toBe(true)
    expect(catalog.knows('bat')).toBe(true)
    expect(catalog.knows('kintaman')).toBe(true)
    expect(catalog.knows('btik')).toBe(false)
    expect(catalog.knows('zzz')).toBe(false)
  })

  it('corrects a missing letter, an extra letter, a wrong letter and two swapped letters', () => {
    expect(catalog.closest('btik')).toEqual(['batik'])
    expect(catalog.closest('kopii')).toEqual(['kopi'])
    expect(catalog.closest('kopu')).toEqual(['kopi'])
    expect(catalog.closest('kpoi')).toEqual(['kopi'])
    expect(catalog.closest('anyamna')).toEqual(['anyaman'])
    expect(catalog.closest('kintamnai')).toEqual(['kintamani'])
  })

  it('does not stretch short words: two edits on a 4-letter word are no match', () => {
    expect(catalog.closest('bxxk')).toEqual([])
    expect(catalog.closest('ab')).toEqual([])
  })

  it('corrects English words through the synonym list', () => {
    expect(catalog.closest('cofee')).toEqual(['coffee'])
  })

  it('never suggests a word further than the limit (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,10}$/), (w) => {
        for (const c of catalog.closest(w)) {
          expect(Math.abs(c.length - w.length)).toBeLessThanOrEqual(maxEdits(w))
          expect(c).not.toBe(w)
        }
      }),
    )
  })
})

describe('expandQuery', () => {
  it('corrects "btik" to batik and suggests it', () => {
    expect(expandQuery(['btik'], catalog)).toEqual({ groups: [['btik', 'batik']], suggestion: 'batik' })
  })

  it('corrects "kopii" and widens the correction with its synonyms', () => {
    expect(expandQuery(['kopii'], catalog)).toEqual({ groups: [['kopii', 'kopi', 'coffee']], suggestion: 'kopi' })
  })

  it('widens "bag" and "coffee" to tas and kopi without calling them typos', () => {
    expect(expandQuery(['bag'], catalog)).toEqual({ groups: [['bag', 'tas', 'bags']], suggestion: null })
    expect(expandQuery(['Coffee'], catalog)).toEqual({ groups: [['Coffee', 'kopi']], suggestion: null })
  })

  it('leaves known words, prefixes and numbers alone, and corrects only the typo in a longer query', () => {
    expect(expandQuery(['batik', 'kedi'], catalog)).toEqual({ groups: [['batik'], ['kedi']], suggestion: null })
    expect(expandQuery(['250'], catalog)).toEqual({ groups: [['250']], suggestion: null })
    expect(expandQuery(['Batik', 'kedri'], catalog)).toEqual({
      groups: [['Batik'], ['kedri', 'kediri']],
      suggestion: 'Batik kediri',
    })
  })

  it('keeps a word nothing resembles, so the search stays strict', () => {
    expect(expandQuery(['qwxz'], catalog)).toEqual({ groups: [['qwxz']], suggestion: null })
  })
})

describe('synonym list', () => {
  it('has the pairs the interface needs, folded, each word in one group', () => {
    for (const [id, en] of [
      ['tas', 'bag'],
      ['kopi', 'coffee'],
      ['kain', 'fabric'],
      ['anyaman', 'woven'],
      ['kayu', 'wood'],
      ['sabun', 'soap'],
    ] as const) {
      expect(synonymsOf(id)).toContain(en)
      expect(synonymsOf(en)).toContain(id)
    }
    expect(synonymsOf('batik')).toEqual(['batik'])
    const all = SYNONYM_GROUPS.flat()
    expect(new Set(all).size).toBe(all.length)
    for (const w of all) expect(w).toBe(foldWord(w))
  })
})

describe('query text per engine', () => {
  it('ORs a group and ANDs the groups, as prefixes, on FTS5 and PostgreSQL', () => {
    expect(fts5Match([['btik', 'batik'], ['kopi']])).toBe('("btik"* OR "batik"*) AND "kopi"*')
    expect(tsqueryText([['btik', 'batik'], ['kopi']])).toBe("('btik':* | 'batik':*) & 'kopi':*")
  })

  it('lets no query syntax through', () => {
    expect(fts5Match([['"tenun"', 'NEAR(*'], ["o'ne"]])).toBe('("tenun"* OR "NEAR"*) AND "one"*')
    expect(tsqueryText([["o'ne", '!&|'], []])).toBe("'one':*")
    expect(fts5Match([[], ['  ']])).toBeNull()
  })
})
