import { createDb, migrateToLatest } from '../client.ts'
import { parseEnv } from '../../app/lib/env.server.ts'
import { log } from '../../app/lib/log.server.ts'
import { ensureNationalSplitRule } from '../../app/domain/ledger/split-rules.ts'
import { rebuildCatalogWords } from '../../app/domain/catalog/vocabulary.ts'
import { ensureSitePages } from '../../app/domain/content/pages.ts'
import { seedDemo } from './demo.ts'
import { seedReference } from './reference.ts'

/**
 * Reference data and the national default split rule always; demo data only in demo mode and
 * only into an empty database.
 */
export async function seedAll(db: Parameters<typeof seedReference>[0], opts: { demo: boolean; encryptionKey: Buffer }) {
  const { upts } = await seedReference(db)
  await ensureNationalSplitRule(db)
  const demo = opts.demo ? await seedDemo(db, opts.encryptionKey) : false
  // The search vocabulary (ADR 023) from the sectors and whatever is published; also a repair.
  await rebuildCatalogWords(db)
  // The trust pages' default text (ADR 023), for any page that has none yet.
  await ensureSitePages(db)
  return { upts, demo }
}

const isMain = import.meta.url === `file://${process.argv[1]}`
if (isMain) {
  const env = parseEnv()
  const { db, label: file } = createDb(env.databasePath)
  try {
    await migrateToLatest(db)
    const r = await seedAll(db, { demo: env.mode === 'demo', encryptionKey: env.encryptionKey })
    log.info(`Seeded ${file}: ${r.upts} UPTs${r.demo ? ', demo accounts and data' : ''}`)
  } catch (error) {
    log.error({ err: error }, `Seeding failed: ${(error as Error).message}`)
    process.exitCode = 1
  } finally {
    await db.destroy()
  }
}
