import type { Kysely } from 'kysely'

/**
 * The catalog's vocabulary for search that forgives typos (ADR 023): folded words (lower case,
 * no accents, 3+ letters) of published products' names and descriptions and of sector names.
 * Filled here from what exists; product writers add to it (app/domain/catalog/vocabulary.ts,
 * whose word rule this repeats: migrations import no app code).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .execute()
  const products: { name: string; description: string }[] = await db
    .selectFrom('products')
    .select(['name', 'description'])
    .where('status', '=', 'published')
    .execute()
  const sectors: { name_id: string; name_en: string }[] = await db
    .selectFrom('sectors')
    .select(['name_id', 'name_en'])
    .execute()
  const words = new Set<string>()
  for (const text of [
    ...products.flatMap((p) => [p.name, p.description]),
    ...sectors.flatMap((s) => [s.name_id, s.name_en]),
  ]) {
    for (const raw of text.split(/[^\p{L}\p{M}]+/u)) {
      const w = raw
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
      if (w.length >= 3 && w.length <= 40) words.add(w)
    }
  }
  const all = [...words]
  for (let i = 0; i < all.length; i += 500) {
    await db
      .insertInto('catalog_words')
      .values(all.slice(i, i + 500).map((word) => ({ word })))
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalog_words').execute()
}
