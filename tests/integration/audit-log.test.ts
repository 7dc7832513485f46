import { afterEach, describe, expect, test, vi } from 'vitest'
import { loader as auditLoader } from '#app/routes/admin.audit.tsx'
import { loader as csvLoader } from '#app/routes/admin.audit[.]csv.tsx'
import { setShopLimits, SHOP_LIMIT_DEFAULTS } from '#app/domain/orders/limits.ts'
import { createProgram } from '#app/domain/programs/manage.ts'
import { updateUpt } from '#app/domain/registry/upts.ts'
import type { DB } from '#db/client.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

afterEach(() => {
  vi.useRealTimers()
})

/** Three lines written by the real writers at known times: a program at UPT A, UPT B renamed, shop limits. */
async function world(db: DB) {
  const { a, b } = await twoUpts(db)
  const admin = await createUser(db, { role: 'admin', name: 'Nadia Nasional', totp: true })
  const staff = await createUser(db, { role: 'upt_staff', uptId: a.id, name: 'Budi Petugas' })
  const sector = await db.selectFrom('sectors').select('id').orderBy('id').executeTakeFirstOrThrow()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-10T03:00:00Z'))
  const program = await createProgram(
    db,
    a.id,
    {
      title: 'Pelatihan Tenun Ikat',
      sectorId: sector.id,
      description: 'Pelatihan menenun untuk warga binaan.',
      participants: 20,
      eligibilityRule: '',
      schedule: '',
      status: 'active',
    } as Parameters<typeof createProgram>[2],
    { userId: staff.id },
  )
  vi.setSystemTime(new Date('2026-11-20T17:30:00Z')) // 21 Nov 00.30 WIB
  await updateUpt(db, { uptId: b.id, name: `${b.name} (baru)`, city: b.city, actorUserId: admin.id })
  vi.setSystemTime(new Date('2026-12-01T01:00:00Z'))
  await setShopLimits(db, { ...SHOP_LIMIT_DEFAULTS, guestMaxUnits: 40 }, { userId: admin.id })
  vi.useRealTimers()
  return { a, b, admin, staff, program, cookie: await sessionCookieFor(db, admin.id) }
}

const open = (cookie: string, query = '') => call(auditLoader, makeRequest(`/admin/audit${query}`, { cookie }))
const actions = (data: { entries: { action: string }[] }) => data.entries.map((e) => e.action)

describe('the audit log page', () => {
  test('lists every line newest first, in words: who with role, when in WIB, the object linked, the changes', async () => {
    const db = testDb()
    const w = await world(db)
    const res = await open(w.cookie)
    expect(res.status).toBe(200)
    expect(res.data.total).toBe(3)
    expect(actions(res.data)).toEqual(['shop.limits', 'upt.updated', 'program.created'])
    const [limits, renamed, created] = res.data.entries
    expect(limits).toMatchObject({
      actionText: 'Batas pembelian anonim diubah',
      when: '01 Des 2026 08.00 WIB',
      actor: { name: 'Nadia Nasional', roles: 'Admin · Nasional' },
      object: { typeText: 'Batas pembelian', href: '/admin/shop-limits' },
      changes: [{ label: 'Unit maks. per pesanan tamu', before: '50', after: '40' }],
    })
    expect(renamed.when).toBe('21 Nov 2026 00.30 WIB')
    expect(renamed.object).toMatchObject({ type: 'upt', label: `${w.b.name} (baru)`, href: `/admin/upts/${w.b.id}` })
    expect(created).toMatchObject({
      actionText: 'Program dibuat',
      actor: { name: 'Budi Petugas', roles: `Petugas UPT · ${w.a.name}` },
      object: { label: 'Pelatihan Tenun Ikat', href: `/upt/${w.a.id}/programs/${w.program.id}` },
    })
    const en = await call(auditLoader, makeRequest('/admin/audit', { cookie: `${w.cookie}; lang=en` }))
    expect(en.data.entries[2]).toMatchObject({ actionText: 'Program created', when: '10 Nov 2026 10.00 WIB' })
  })

  test('filters by person (name or email, any case), action, object type, UPT and WIB dates', async () => {
    const db = testDb()
    const w = await world(db)
    expect(actions((await open(w.cookie, '?person=budi')).data)).toEqual(['program.created'])
    expect(actions((await open(w.cookie, '?person=NADIA')).data)).toEqual(['shop.limits', 'upt.updated'])
    expect(actions((await open(w.cookie, `?person=${w.staff.email.toUpperCase()}`)).data)).toEqual(['program.created'])
    expect(actions((await open(w.cookie, '?action=upt.updated')).data)).toEqual(['upt.updated'])
    expect(actions((await open(w.cookie, '?type=program')).data)).toEqual(['program.created'])
    // UPT: lines about the UPT itself and about what belongs to it (its program)
    expect(actions((await open(w.cookie, `?upt=${w.a.id}`)).data)).toEqual(['program.created'])
    expect(actions((await open(w.cookie, `?upt=${w.b.id}`)).data)).toEqual(['upt.updated'])
    // 17.30 UTC on 20 Nov is 21 Nov in Jakarta
    expect(actions((await open(w.cookie, '?from=2026-11-21&to=2026-11-21')).data)).toEqual(['upt.updated'])
    expect(actions((await open(w.cookie, '?from=2026-11-20&to=2026-11-20')).data)).toEqual([])
    expect(actions((await open(w.cookie, '?from=2026-11-11')).data)).toEqual(['shop.limits', 'upt.updated'])
    expect(actions((await open(w.cookie, '?to=2026-11-30&person=nadia')).data)).toEqual(['upt.updated'])
    const none = await open(w.cookie, '?person=nobody')
    expect(none).toMatchObject({ status: 200, data: { total: 0, filtered: true, entries: [] } })
    expect(none.data.exportHref).toBe('/admin/audit.csv?person=nobody')
  })

  test('bad filter values are named by their field with status 400, and nothing is listed', async () => {
    const db = testDb()
    const w = await world(db)
    for (const [query, field, message] of [
      ['?action=drop.table', 'action', 'audit.filter.unknownAction'],
      ['?type=spaceship', 'type', 'audit.filter.unknownType'],
      ['?upt=not-a-upt', 'upt', 'audit.filter.unknownUpt'],
      ['?from=2026-02-30', 'from', 'audit.filter.badDate'],
      ['?to=kemarin', 'to', 'audit.filter.badDate'],
      ['?from=2026-12-06&to=2026-12-01', 'to', 'audit.filter.toBeforeFrom'],
    ] as const) {
      const res = await open(w.cookie, query)
      expect(res.status, query).toBe(400)
      expect(res.data.errors, query).toEqual({ [field]: [message] })
      expect(res.data.entries).toEqual([])
    }
  })

  test('a page past the end answers 404 with a way back; odd page numbers mean page 1', async () => {
    const db = testDb()
    const w = await world(db)
    const past = await open(w.cookie, '?page=4&person=nadia')
    expect(past.status).toBe(404)
    expect(past.data).toMatchObject({ pastEnd: true, page: 4, pages: 1, entries: [] })
    expect((await open(w.cookie, '?page=-3')).data.page).toBe(1)
    expect((await open(w.cookie, '?page=abc')).data.page).toBe(1)
  })

  test('only national admins open the log and its CSV: a Kanwil admin and UPT staff are refused (403)', async () => {
    const db = testDb()
    const w = await world(db)
    const kanwilAdmin = await createUser(db, { role: 'admin', kanwilId: w.a.kanwil_id, totp: true })
    for (const userId of [kanwilAdmin.id, w.staff.id]) {
      const cookie = await sessionCookieFor(db, userId)
      expect((await open(cookie)).status).toBe(403)
      expect((await call(csvLoader, makeRequest('/admin/audit.csv', { cookie }))).status).toBe(403)
    }
  })
})

describe('the audit log CSV', () => {
  test('holds the filtered set in words, with the raw codes beside them', async () => {
    const db = testDb()
    const w = await world(db)
    const res = await call(csvLoader, makeRequest(`/admin/audit.csv?upt=${w.a.id}`, { cookie: w.cookie }))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const lines = String(res.data).trim().split('\r\n')
    expect(lines[0]).toBe(
      'time_wib,time_utc,action,action_text,actor_name,actor_email,actor_roles,object_type,object_type_text,object_id,object_name,changes,ip',
    )
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(
      '10 Nov 2026 10.00 WIB,2026-11-10T03:00:00.000Z,program.created,Program dibuat,Budi Petugas',
    )
    expect(lines[1]).toContain('Pelatihan Tenun Ikat')
    const all = await call(csvLoader, makeRequest('/admin/audit.csv', { cookie: w.cookie }))
    expect(String(all.data)).toContain('Unit maks. per pesanan tamu: 50 → 40')
    const bad = await call(csvLoader, makeRequest('/admin/audit.csv?from=2026-13-01', { cookie: w.cookie }))
    expect(bad).toMatchObject({ status: 400, data: { errors: { from: ['audit.filter.badDate'] } } })
  })
})
