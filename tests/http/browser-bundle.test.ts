/**
 * What the build sends to browsers holds no server code. A route module's loader and action are
 * removed from the browser build, and their imports with them, unless the page component (or
 * anything it imports) uses something from the same module: then the whole module, its SQL and
 * its zod schemas travel to every page that shares the chunk. That is how /offers once grew from
 * 60 KB to 200 KB of JavaScript (the /data page imported the open-data dataset list, whose
 * readers call the offer queries). This test reads the built files, so it fails on the build
 * that ships such code, before any page budget in the end-to-end suite.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

const BUILD = join(process.cwd(), 'public', 'build')

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  )
}

/** Calls only the Kysely query builder, a database driver or the server env make. */
const SERVER_ONLY = [
  /\.selectFrom\(/,
  /\.insertInto\(/,
  /\.deleteFrom\(/,
  /\.updateTable\(/,
  /better-sqlite3/,
  /process\.env\.SESSION_SECRET/,
  /STRIPE_SECRET_KEY/,
]

describe('browser bundle', () => {
  const files = jsFiles(BUILD)

  test('the build has browser files to check', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  test('no browser file holds queries, drivers or secrets', () => {
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      return SERVER_ONLY.filter((re) => re.test(text)).map((re) => `${file.slice(BUILD.length + 1)}: ${re.source}`)
    })
    expect(found).toEqual([])
  })
})
