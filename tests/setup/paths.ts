import path from 'node:path'
import url from 'node:url'

export const ROOT = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '../..')
export const TMP = path.join(ROOT, 'tests/.tmp')
/** A migrated database with reference data, copied for every test. */
export const BASE_DB = path.join(TMP, 'base.db')
