import path from 'node:path'
import url from 'node:url'

export const ROOT = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '../..')
export const TMP = path.join(ROOT, 'tests/.tmp')
/** A migrated database with reference data, copied for every test. */
export const BASE_DB = path.join(TMP, 'base.db')
/** PostgreSQL: the migrated template database each test's database is created from. */
export const PG_TEMPLATE = 'mitra_template'
/** Which engine this vitest project runs the integration suite on (vitest.config.ts sets it). */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite'
