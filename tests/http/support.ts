import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, inject } from 'vitest'
import { createDb, type DB } from '#db/client.ts'
import { createSession } from '#app/domain/identity/sessions.ts'

/** Helpers for HTTP contract tests: requests to the built server and a view of its database. */

export function baseURL(): string {
  return inject('httpBaseURL')
}

let handle: DB | undefined

/** The server's own SQLite file, opened by the test process (WAL: reads never block the server). */
export function serverDb(): DB {
  if (!handle) {
    handle = createDb(inject('httpDb')).db
    afterAll(async () => {
      await handle?.destroy()
      handle = undefined
    })
  }
  return handle
}

export interface SendOptions {
  method?: string
  /** urlencoded form fields (a field given as an array is sent once per value) */
  form?: Record<string, string | string[]>
  /** a raw body (string, bytes or FormData); with `contentType` when it is not FormData */
  body?: string | Uint8Array | FormData
  contentType?: string
  cookie?: string
  headers?: Record<string, string>
  /** another server than the suite's (e.g. one started with other env by the test) */
  baseURL?: string
}

export interface Sent {
  status: number
  headers: Headers
  text: string
  /** the body as bytes (images) */
  bytes: Uint8Array
  json<T = any>(): T
}

/** One request over real HTTP; redirects are not followed (their status and Location are the point). */
export async function send(path: string, o: SendOptions = {}): Promise<Sent> {
  const headers = new Headers(o.headers)
  if (o.cookie) headers.set('Cookie', o.cookie)
  let body: BodyInit | undefined
  if (o.form) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(o.form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item)
    body = params
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  } else if (o.body !== undefined) {
    body = o.body as BodyInit
    if (o.contentType) headers.set('Content-Type', o.contentType)
  }
  // Same-origin, as a browser posting the portal's own form says it is.
  if (!headers.has('Sec-Fetch-Site') && !headers.has('Origin')) headers.set('Sec-Fetch-Site', 'same-origin')
  const r = await fetch(new URL(path, o.baseURL ?? baseURL()), {
    method: o.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
  })
  const bytes = new Uint8Array(await r.arrayBuffer())
  const text = new TextDecoder().decode(bytes)
  return {
    status: r.status,
    headers: r.headers,
    text,
    bytes,
    json: () => JSON.parse(text),
  }
}

/** A signed-in session for a seeded user, as the Cookie header the server expects. */
export async function sessionFor(email: string, db: DB = serverDb()): Promise<string> {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  return `ml_session=${await createSession(db, user.id)}`
}

/** Tables whose rows change on any request (sessions touched, rate limits, denials audited). */
export const VOLATILE_TABLES = ['sessions', 'rate_limits', 'audit_log', 'kysely_migration', 'kysely_migration_lock']

/**
 * A digest of every table's rows, to prove a refused request wrote nothing: compare before and
 * after. Tables that every request may touch are left out unless asked for.
 */
export async function fingerprint(
  db: DB = serverDb(),
  exclude: string[] = VOLATILE_TABLES,
): Promise<Record<string, string>> {
  const tables = await sql<{
    name: string
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' order by name`.execute(
    db,
  )
  const out: Record<string, string> = {}
  for (const { name } of tables.rows) {
    if (exclude.includes(name)) continue
    const rows = await sql`select * from ${sql.table(name)}`.execute(db)
    const lines = rows.rows.map((r) => JSON.stringify(r)).sort()
    out[name] = crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16) + `:${lines.length}`
  }
  return out
}

/** The tables whose digest differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t])
}
