/**
 * The 19-product demo in a fresh SQLite file, with a signed-in buyer and a signed-in UPT staff
 * member: what a logged-in user sees, for the "signed in" section of the http bench (issue 16,
 * item 7). Sessions are made in the database as a login would make them; the cookie is the
 * production one (the bench server runs in production mode).
 *
 * Standalone (for profiling): `npx tsx bench/signed-in.ts` prepares the database and prints the
 * environment and cookies to start a server and load it by hand.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import url from 'node:url'
import { productionEnv } from './harness.ts'

export const SIGNED_IN_ACCOUNTS = {
  buyer: 'pembeli@mitralipas.demo',
  staff: 'staf.kediri@mitralipas.demo',
} as const

export interface SignedInDemo {
  file: string
  env: Record<string, string>
  cookies: Record<keyof typeof SIGNED_IN_ACCOUNTS, string>
  /** a published demo product sold by the staff member's UPT */
  productSlug: string
}

export async function prepareSignedInDemo(dir: string): Promise<SignedInDemo> {
  const file = path.join(dir, 'demo.db')
  const env = productionEnv(file, path.join(dir, 'demo-uploads'))
  // The seed stores its product photos through the app's upload storage (read from the env).
  Object.assign(process.env, env)
  const { createSqliteDb, migrateToLatest } = await import('../db/client.ts')
  const { seedAll } = await import('../db/seed/index.ts')
  const { createSession } = await import('../app/domain/identity/sessions.ts')
  const { db, sqlite } = createSqliteDb(file)
  await migrateToLatest(db)
  await seedAll(db, { demo: true, encryptionKey: Buffer.from(env.ENCRYPTION_KEY, 'hex') })
  const cookies = {} as SignedInDemo['cookies']
  for (const [who, email] of Object.entries(SIGNED_IN_ACCOUNTS)) {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    cookies[who as keyof typeof SIGNED_IN_ACCOUNTS] = `__Host-ml_session=${await createSession(db, user.id)}`
  }
  const staffUpt = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.upt_id')
    .where('u.email', '=', SIGNED_IN_ACCOUNTS.staff)
    .executeTakeFirstOrThrow()
  const product = await db
    .selectFrom('products')
    .select('slug')
    .where('status', '=', 'published')
    .where('upt_id', '=', staffUpt.upt_id!)
    .orderBy('slug')
    .executeTakeFirstOrThrow()
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  await db.destroy()
  return { file, env, cookies, productSlug: product.slug }
}

if (process.argv[1] && path.resolve(process.argv[1]) === url.fileURLToPath(import.meta.url)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-signed-in-'))
  const demo = await prepareSignedInDemo(dir)
  console.log(JSON.stringify(demo, null, 2))
}
