import type { Kysely } from 'kysely'
import type { Database } from '#db/schema.ts'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { Vocabulary, vocabularyWords } from './forgiving.ts'

/**
 * The catalog's vocabulary (ADR 023): every word (folded, 3+ letters) of a published product's
 * name and description and of the sector names, in `catalog_words`. Product writers add the
 * words of what they publish in their own transaction; the seed rebuilds it whole. Words are
 * never removed one by one (a word of an archived product only widens a search that then finds
 * nothing more), so the row count tells a reader whether its cached copy is current.
 */

const cache = new WeakMap<object, { count: number; vocabulary: Vocabulary }>()

/** Adds the words of `texts` (inside the caller's transaction). */
export async function addCatalogWords(trx: Kysely<Database>, texts: string[]) {
  const words = [...new Set(texts.flatMap(vocabularyWords))]
  for (let i = 0; i < words.length; i += 500) {
    await trx
      .insertInto('catalog_words')
      .values(words.slice(i, i + 500).map((word) => ({ word })))
      .onConflict((oc) => oc.column('word').doNothing())
      .execute()
  }
}

/** Rebuilds the vocabulary from the published products and the sectors (seed, repairs). */
export async function rebuildCatalogWords(db: Kysely<Database>) {
  await inTransaction(db, async (trx) => {
    const products = await trx
      .selectFrom('products')
      .select(['name', 'description'])
      .where('status', '=', 'published')
      .execute()
    const sectors = await trx.selectFrom('sectors').select(['name_id', 'name_en']).execute()
    await trx.deleteFrom('catalog_words').execute()
    await addCatalogWords(trx, [
      ...products.flatMap((p) => [p.name, p.description]),
      ...sectors.flatMap((s) => [s.name_id, s.name_en]),
    ])
  })
  cache.delete(db)
}

/** The vocabulary, read once and again only when words were added. */
export async function catalogVocabulary(db: DB): Promise<Vocabulary> {
  const { n } = await db
    .selectFrom('catalog_words')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const count = Number(n)
  const hit = cache.get(db)
  if (hit && hit.count === count) return hit.vocabulary
  const rows = await db.selectFrom('catalog_words').select('word').execute()
  const vocabulary = new Vocabulary(rows.map((r) => r.word))
  cache.set(db, { count, vocabulary })
  return vocabulary
}
