import fs from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'
import { ROOT } from '#tests/setup/paths.ts'

/**
 * Routes are thin (docs/CONVENTIONS.md, "Routes" and "Transactions"): no query and no transaction
 * in app/routes, nor in the request layer (app/web) or components; in the domain, transactions are
 * opened only through inTransaction. eslint.config.js refuses the rest (no-restricted-syntax, and
 * no kysely import in routes); each case lints a line as if it were written in that folder, so a
 * change to the config that lets one through fails here. The last test reads the route files.
 */
const eslint = new ESLint({ cwd: ROOT })

async function refusals(code: string, file = 'app/routes/probe.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(ROOT, file) })
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

const REFUSED = [
  "export const a = (db: any) => db.selectFrom('upts').selectAll().execute()",
  "export const a = (db: any) => db.insertInto('upts').values({}).execute()",
  "export const a = (db: any) => db.updateTable('upts').set({}).execute()",
  "export const a = (db: any) => db.deleteFrom('upts').execute()",
  'export const a = (db: any) => db.transaction().execute(async () => 1)',
  'export const a = (db: any) => db.startTransaction().execute()',
  'export const a = (getDb: any) => getDb().transaction().execute(async () => 1)',
  "import { sql } from 'kysely'\nexport const a = sql`select 1`",
]

describe('routes hold no queries and open no transactions; the domain opens them one way', () => {
  test.each(REFUSED)('refused in a route: %s', async (code) => {
    expect(await refusals(code)).not.toEqual([])
  })

  test('the request layer and components hold no queries either', async () => {
    expect(
      await refusals(
        "export const a = (db: any) => db.selectFrom('upts').selectAll().execute()",
        'app/web/probe.server.ts',
      ),
    ).not.toEqual([])
    expect(
      await refusals(
        'export const a = (db: any) => db.transaction().execute(async () => 1)',
        'app/web/actions/probe.server.ts',
      ),
    ).not.toEqual([])
    expect(
      await refusals("export const a = (db: any) => db.deleteFrom('carts').execute()", 'app/components/probe.tsx'),
    ).not.toEqual([])
  })

  test('in the domain a transaction is opened only by inTransaction', async () => {
    expect(
      await refusals(
        'export const a = (db: any) => db.transaction().execute(async () => 1)',
        'app/domain/orders/probe.ts',
      ),
    ).not.toEqual([])
    expect(
      await refusals(
        'export const a = (db: any) => db.transaction().execute(async () => 1)',
        'app/domain/transaction.ts',
      ),
    ).toEqual([])
  })

  test('a domain call is fine in a route, and the domain may query', async () => {
    expect(
      await refusals(
        "import { listProvinces } from '#app/domain/registry/reference.ts'\nexport const a = (db: any) => listProvinces(db)",
      ),
    ).toEqual([])
    expect(
      await refusals(
        "export const a = (db: any) => db.selectFrom('upts').selectAll().execute()",
        'app/domain/registry/probe.ts',
      ),
    ).toEqual([])
  })

  test('no route file holds one', () => {
    const dir = path.join(ROOT, 'app/routes')
    const found = fs
      .readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f))
      .flatMap((f) =>
        fs
          .readFileSync(path.join(dir, f), 'utf8')
          .split('\n')
          .map((line, i) => [f, i + 1, line] as const)
          .filter(([, , line]) => /selectFrom|insertInto|updateTable|deleteFrom|transaction\(/.test(line))
          .map(([file, n]) => `${file}:${n}`),
      )
    expect(found).toEqual([])
  })
})
