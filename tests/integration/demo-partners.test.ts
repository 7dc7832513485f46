import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { seedDemo } from '#db/seed/demo.ts'
import { loader as offersLoader } from '#app/routes/offers._index.tsx'
import { loader as programsLoader } from '#app/routes/programs._index.tsx'
import { getEnv } from '#app/lib/env.server.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

describe('demo data for partners, programs and offers', () => {
  test('active programs span at least 10 provinces; open offers of all five kinds show in the directories', async () => {
    const db = testDb()
    expect(await seedDemo(db, getEnv().encryptionKey)).toBe(true)
    const provinces = await db
      .selectFrom('programs as g')
      .innerJoin('upts as u', 'u.id', 'g.upt_id')
      .select('u.province_id')
      .distinct()
      .where('g.status', '=', 'active')
      .execute()
    expect(provinces.length).toBeGreaterThanOrEqual(10)
    const partnerProvinces = await db.selectFrom('partner_provinces').select('province_id').distinct().execute()
    expect(partnerProvinces.length).toBeGreaterThanOrEqual(10)
    const offers = (await call(offersLoader, makeRequest('/offers'))).data
    expect(new Set(offers.items.map((o: { kind: string }) => o.kind))).toEqual(
      new Set(['capital', 'training', 'expert', 'absorption', 'publication']),
    )
    const bapas = (await call(programsLoader, makeRequest('/programs?uptType=bapas'))).data
    expect(bapas.total).toBe(1)
    // Capacity and coverage start consistent: what is committed is exactly what the demo
    // agreements (issue 4) hold.
    const drift = await db
      .selectFrom('offers as o')
      .select('o.id')
      .where(
        sql<boolean>`o.capacity_total - o.capacity_remaining != (select coalesce(sum(a.quantity), 0) from agreements a where a.offer_id = o.id and a.status in ('active','completed'))`,
      )
      .execute()
    expect(drift).toEqual([])
  })
})
