/**
 * Access matrix: every route whose URL names a UPT (`$uptId`) is called, loader and action,
 * by each kind of user scoped to UPT A (or to nothing) with UPT B's id. Anonymous visitors are
 * sent to login; users of another scope get 403 or 404, never data; 403s are audited.
 * Routes are discovered from app/routes, so a new UPT page is covered the day it is added.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { ROOT } from '#tests/setup/paths.ts'
import { testDb } from '#tests/setup/setup-each.ts'

type RouteModule = { loader?: (...a: any[]) => unknown; action?: (...a: any[]) => unknown }

const routeFiles = fs
  .readdirSync(path.join(ROOT, 'app/routes'))
  .filter((f) => f.includes('$uptId') && /\.tsx?$/.test(f))
  .sort()

/** URL path and params for a route file, with every parameter but uptId set to a made-up id. */
function pathFor(file: string, uptId: string) {
  const segments = file
    .replace(/\.tsx?$/, '')
    .split('.')
    .filter((s) => s !== '_index')
  const params: Record<string, string> = {}
  const parts = segments.map((s) => {
    const clean = s.replace(/_$/, '').replace(/^\[|\]$/g, '')
    if (!clean.startsWith('$')) return clean
    const name = clean.slice(1)
    params[name] = name === 'uptId' ? uptId : '0190aaaa-0000-7000-8000-000000000000'
    return params[name]
  })
  return { url: `/${parts.join('/')}`, params }
}

describe('access matrix over UPT-scoped routes', () => {
  test('the matrix found the UPT-scoped routes', () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(10)
  })

  test.each(routeFiles)('%s refuses anonymous and foreign-scope users', async (file) => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const partner = await createPartner(db)
    const users = {
      staffOfA: await createUser(db, { role: 'upt_staff', uptId: a.id }),
      financeOfA: await createUser(db, { role: 'finance', uptId: a.id, totp: true }),
      kanwilAdminOfA: await createUser(db, { role: 'admin', kanwilId: a.kanwil_id, totp: true }),
      partner: await createUser(db, { role: 'partner_member', partnerId: partner.id }),
      buyer: await createUser(db, { role: 'buyer' }),
    }
    const mod = (await import(path.join(ROOT, 'app/routes', file))) as RouteModule
    const { url, params } = pathFor(file, b.id)
    const statuses: number[] = []
    for (const [kind, handler] of [
      ['loader', mod.loader],
      ['action', mod.action],
    ] as const) {
      if (!handler) continue
      const method = kind === 'loader' ? 'GET' : 'POST'
      const anon = await call(
        handler as any,
        makeRequest(url, { method, form: method === 'POST' ? { intent: 'x' } : undefined }),
        params,
      )
      expect([302, 401, 403, 404], `${file} ${kind} anonymous`).toContain(anon.status)
      if (anon.status === 302) expect(anon.headers.get('Location')).toMatch(/^\/login/)
      for (const [who, u] of Object.entries(users)) {
        const cookie = await sessionCookieFor(db, u.id)
        const r = await call(
          handler as any,
          makeRequest(url, { method, cookie, form: method === 'POST' ? { intent: 'x' } : undefined }),
          params,
        )
        expect([403, 404], `${file} ${kind} as ${who} on another UPT got ${r.status}`).toContain(r.status)
        statuses.push(r.status)
      }
    }
    // The scope guard itself answered (403), not only a lookup of a made-up id (404).
    expect(statuses, `${file}: no 403 at all`).toContain(403)
    // Every 403 above left a trace in the audit log.
    const denials = await db.selectFrom('audit_log').select('target_id').where('action', '=', 'access.denied').execute()
    for (const d of denials) expect(d.target_id).toBe(url)
  })
})
