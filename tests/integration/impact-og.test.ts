import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { setTargets } from '#app/domain/outcomes/targets.ts'
import { formatNumber, formatPercentOf } from '#app/lib/format.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { todayIn } from '#app/lib/time.ts'
import { loader as impactLoader } from '#app/routes/impact.tsx'
import { loader as ogLoader } from '#app/routes/impact.og[.]png.ts'
import { action as uptOutcomesAction } from '#app/routes/upt.$uptId.outcomes.tsx'
import { impactOgSvg } from '#app/web/og-image.server.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'

async function og(headers: Record<string, string> = {}, query = '') {
  const r = (await ogLoader({
    request: makeRequest(`/impact/og.png${query}`, { headers }),
    params: {},
    context: { cspNonce: 'test', requestId: 'test' },
  })) as Response
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) }
}

/** A UPT records trained and certified people this year, as staff do on its outcomes page. */
async function record(uptId: string, programId: string, cookie: string, trained: number, certified: number) {
  const year = Number(todayIn().slice(0, 4))
  const form = { intent: 'outcome', programId, occurredOn: `${year}-02-10` }
  for (const [metric, count] of [
    ['trained', trained],
    ['certified', certified],
  ] as const) {
    const r = await call(
      uptOutcomesAction,
      makeRequest(`/upt/${uptId}/outcomes`, {
        cookie,
        form: { ...form, metric, count: String(count), ...(metric === 'certified' ? { certifyingBody: 'BNSP' } : {}) },
      }),
      { uptId },
    )
    expect(r.status).toBe(302)
  }
}

describe('/impact/og.png: the picture a shared link to /impact shows (issue 15, item 3)', () => {
  test('a 1200×630 PNG of the same figures the page opens with, cached with an ETag, redrawn when they change', async () => {
    const db = testDb()
    const { a: kediri, b: bangli } = await twoUpts(db)
    const year = Number(todayIn().slice(0, 4))
    const admin = await createUser(db, { role: 'admin', totp: true })
    await setTargets(
      db,
      { year, scopeType: 'national', scopeId: '', trained: 13500, certified: 13500 },
      { userId: admin.id, kanwilId: null },
    )
    const kediriStaff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
    const bangliStaff = await createUser(db, { role: 'upt_staff', uptId: bangli.id })
    const kediriProgram = await createProgramWithNeed(db, kediri.id)
    const bangliProgram = await createProgramWithNeed(db, bangli.id)
    await record(kediri.id, kediriProgram.programId, await sessionCookieFor(db, kediriStaff.id), 4175, 2963)

    // the page as it opens, and what a shared link shows: one query, the same numbers
    const page = (await call(impactLoader, makeRequest('/impact'))).data
    expect(page.r.total).toEqual({ trained: 4175, certified: 2963 })
    expect(page.share.headline).toEqual({
      year,
      trained: page.r.total.trained,
      certified: page.r.total.certified,
      targetTrained: page.r.target.trained,
      targetCertified: page.r.target.certified,
      provinces: 1,
    })
    const svg = impactOgSvg(page.share.headline, 'id', new URL(getEnv().appUrl).host)
    expect(svg).toContain(`>${formatNumber(4175)}<`)
    expect(svg).toContain(`>${formatNumber(2963)}<`)
    expect(svg).toContain(`${formatPercentOf(4175, 13500)} dari target nasional`)
    expect(svg).toContain('Hasil dari 1 provinsi')
    expect(svg).not.toMatch(/<script|href=/)

    const first = await og()
    expect(first.status).toBe(200)
    expect(first.headers.get('Content-Type')).toBe('image/png')
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=3600')
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^"[\w-]{32}"$/)
    expect(await sharp(first.bytes).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 })

    // a link-preview fetcher that has it already gets a 304 and no body
    const again = await og({ 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(again.bytes.length).toBe(0)
    expect(again.headers.get('ETag')).toBe(etag)

    // the English image is another picture of the same figures
    const en = await og({}, '?lang=en')
    expect(en.status).toBe(200)
    expect(en.headers.get('ETag')).not.toBe(etag)
    expect(en.headers.get('Content-Language')).toBe('en')

    // new figures, a new picture: the old ETag no longer matches
    await record(bangli.id, bangliProgram.programId, await sessionCookieFor(db, bangliStaff.id), 25, 10)
    const after = (await call(impactLoader, makeRequest('/impact'))).data
    expect(after.share.headline).toMatchObject({ trained: 4200, certified: 2973, provinces: 2 })
    const changed = await og({ 'If-None-Match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('ETag')).not.toBe(etag)
    expect(await sharp(changed.bytes).metadata()).toMatchObject({ width: 1200, height: 630 })
  })

  test('with no figures yet the image still draws (zeros, no target line)', async () => {
    const svg = impactOgSvg(
      { year: 2026, trained: 0, certified: 0, targetTrained: null, targetCertified: null, provinces: 0 },
      'en',
      'example.org',
    )
    expect(svg).toContain('>0<')
    expect(svg).not.toContain('national target')
    const png = await sharp(Buffer.from(svg)).png().toBuffer()
    expect(await sharp(png).metadata()).toMatchObject({ width: 1200, height: 630 })
  })
})

describe('/impact realisation per Kanwil against its own target', () => {
  test('a Kanwil with a target and nothing recorded yet is listed with 0 against it; so is a UPT when one Kanwil is shown', async () => {
    const db = testDb()
    const { a: kediri, b: bangli } = await twoUpts(db)
    const year = Number(todayIn().slice(0, 4))
    const admin = await createUser(db, { role: 'admin', totp: true })
    const actor = { userId: admin.id, kanwilId: null }
    await setTargets(db, { year, scopeType: 'kanwil', scopeId: kediri.kanwil_id, trained: 200, certified: 100 }, actor)
    await setTargets(db, { year, scopeType: 'kanwil', scopeId: bangli.kanwil_id, trained: 50, certified: 20 }, actor)
    await setTargets(db, { year, scopeType: 'upt', scopeId: bangli.id, trained: 30, certified: 10 }, actor)
    const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
    const program = await createProgramWithNeed(db, kediri.id)
    await record(kediri.id, program.programId, await sessionCookieFor(db, staff.id), 150, 40)

    const page = (await call(impactLoader, makeRequest(`/impact?year=${year}`))).data
    expect(page.level).toBe('kanwil')
    expect(page.r.byArea).toEqual([
      expect.objectContaining({
        id: kediri.kanwil_id,
        trained: 150,
        targetTrained: 200,
        certified: 40,
        targetCertified: 100,
      }),
      expect.objectContaining({
        id: bangli.kanwil_id,
        trained: 0,
        targetTrained: 50,
        certified: 0,
        targetCertified: 20,
      }),
    ])
    const bali = (await call(impactLoader, makeRequest(`/impact?year=${year}&kanwil=${bangli.kanwil_id}`))).data
    expect(bali.level).toBe('upt')
    expect(bali.r.byArea).toEqual([expect.objectContaining({ id: bangli.id, trained: 0, targetTrained: 30 })])
    // Kediri's Kanwil view does not borrow Bangli's UPT target
    const east = (await call(impactLoader, makeRequest(`/impact?year=${year}&kanwil=${kediri.kanwil_id}`))).data
    expect(east.r.byArea.map((a: { id: string }) => a.id)).toEqual([kediri.id])
  })
})
