import { afterEach, describe, expect, test, vi } from 'vitest'
import { sql } from 'kysely'
import { action as newProgramAction } from '#app/routes/upt.$uptId.programs.new.tsx'
import { action as programAction, loader as programLoader } from '#app/routes/upt.$uptId.programs.$programId.tsx'
import { action as outcomesAction } from '#app/routes/upt.$uptId.outcomes.tsx'
import { addNeed } from '#app/domain/programs/manage.ts'
import { needRules } from '#app/domain/programs/need-rules.ts'
import { setAllowedKinds } from '#app/domain/registry/settings.ts'
import { todayIn } from '#app/lib/time.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import type { DB } from '#db/client.ts'

const program = {
  title: 'Bengkel mebel jati',
  sectorId: 'furniture',
  description: 'Pelatihan dan produksi mebel jati.',
  participants: '25',
  status: 'active',
}

async function programOf(db: DB, uptId: string) {
  const staff = await createUser(db, { role: 'upt_staff', uptId })
  const cookie = await sessionCookieFor(db, staff.id)
  expect(
    (await call(newProgramAction, makeRequest(`/upt/${uptId}/programs/new`, { cookie, form: program }), { uptId }))
      .status,
  ).toBe(302)
  const p = await db.selectFrom('programs').select('id').where('upt_id', '=', uptId).executeTakeFirstOrThrow()
  const post = (form: Record<string, string>) =>
    call(programAction, makeRequest(`/upt/${uptId}/programs/${p.id}`, { cookie, form: { intent: 'need', ...form } }), {
      uptId,
      programId: p.id,
    })
  return { staff, cookie, programId: p.id, post }
}

/** What a refused need must not leave behind: no need row, no audit line. */
async function written(db: DB) {
  const needs = await db
    .selectFrom('program_needs')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  const audits = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)`.as('n'))
    .where('action', '=', 'program.needAdded')
    .executeTakeFirstOrThrow()
  return { needs: Number(needs.n), audits: Number(audits.n) }
}

function daysFrom(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

afterEach(() => {
  vi.useRealTimers()
})

describe('a need date in the past is refused', () => {
  test('yesterday is refused next to the date field and writes nothing; today and later are taken', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const { post } = await programOf(db, a.id)
    const today = todayIn('Asia/Jakarta')
    const refused = await post({ kind: 'training', quantity: '10', neededBy: daysFrom(today, -1) })
    expect(refused.status).toBe(400)
    expect(refused.data.error).toEqual({ neededBy: ['program.neededByPast'] })
    expect(await written(db)).toEqual({ needs: 0, audits: 0 })
    // Not a calendar date at all.
    expect((await post({ kind: 'training', quantity: '10', neededBy: '2030-02-30' })).data.error).toEqual({
      neededBy: ['field.date'],
    })
    expect((await post({ kind: 'training', quantity: '10', neededBy: daysFrom(today, 1) })).status).toBe(302)
    expect((await post({ kind: 'training', quantity: '10' })).status).toBe(302)
    expect(await written(db)).toEqual({ needs: 2, audits: 2 })
  })

  test("the UPT's local date decides: at 23:30 in Jakarta, today in Jakarta is already yesterday in Papua", async () => {
    const db = testDb()
    const papua = await db
      .selectFrom('upts as u')
      .innerJoin('provinces as p', 'p.id', 'u.province_id')
      .select('u.id')
      .where('p.timezone', '=', 'Asia/Jayapura')
      .where('u.timezone', 'is', null)
      .where('u.type', '=', 'lapas')
      .orderBy('u.id')
      .executeTakeFirstOrThrow()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-06T16:30:00Z'))
    const { post, programId, staff } = await programOf(db, papua.id)
    expect((await needRules(db, papua.id))!.today).toBe('2026-12-07')
    // The form's check (western Indonesia) lets it through; the domain refuses it by the UPT's own date.
    const refused = await post({ kind: 'training', quantity: '10', neededBy: '2026-12-06' })
    expect(refused.status).toBe(400)
    expect(refused.data.error).toEqual({ neededBy: ['program.neededByPast'] })
    await expect(
      addNeed(db, papua.id, programId, { kind: 'training', quantity: 1, neededBy: '2026-12-06' }, { userId: staff.id }),
    ).rejects.toMatchObject({ code: 'program.neededByPast', field: 'neededBy' })
    expect(await written(db)).toEqual({ needs: 0, audits: 0 })
    expect((await post({ kind: 'training', quantity: '10', neededBy: '2026-12-07' })).status).toBe(302)
  })
})

describe('kinds a UPT may not receive', () => {
  test('the form offers only the allowed kinds and gives a reason for each other one', async () => {
    const db = testDb()
    const lpka = await db
      .selectFrom('upts')
      .select('id')
      .where('type', '=', 'lpka')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const admin = await createUser(db, { role: 'admin', totp: true })
    // Publication switched off for the LPKA's level (no level recorded counts as medium).
    const before = await needRules(db, lpka.id)
    const level = before!.securityLevel ?? 'medium'
    await setAllowedKinds(db, 'security_level', level, ['capital', 'training', 'expert', 'absorption'], {
      userId: admin.id,
    })
    const { cookie, programId, post } = await programOf(db, lpka.id)
    const page = await call(programLoader, makeRequest(`/upt/${lpka.id}/programs/${programId}`, { cookie }), {
      uptId: lpka.id,
      programId,
    })
    expect(page.data.needRules.kinds).toEqual([
      { kind: 'capital', refusal: 'program.lpkaFloor' },
      { kind: 'training', refusal: null },
      { kind: 'expert', refusal: null },
      { kind: 'absorption', refusal: 'program.lpkaFloor' },
      { kind: 'publication', refusal: 'need.refused.level' },
    ])
    // Posted anyway: refused next to the kind field, nothing written.
    const floor = await post({ kind: 'capital', quantity: '1000000' })
    expect(floor.status).toBe(400)
    expect(floor.data.error).toEqual({ kind: ['program.lpkaFloor'] })
    const byLevel = await post({ kind: 'publication', quantity: '2' })
    expect(byLevel.status).toBe(400)
    expect(byLevel.data.error).toEqual({ kind: ['program.kindNotAllowed'] })
    expect(await written(db)).toEqual({ needs: 0, audits: 0 })
    // A kind refused by the UPT type's setting says so.
    await setAllowedKinds(db, 'upt_type', 'lpka', ['training'], { userId: admin.id })
    const rules = await needRules(db, lpka.id)
    expect(rules!.kinds.find((k) => k.kind === 'expert')!.refusal).toBe('need.refused.type')
    expect((await post({ kind: 'expert', quantity: '3' })).status).toBe(400)
    expect((await post({ kind: 'training', quantity: '3' })).status).toBe(302)
    expect(await written(db)).toEqual({ needs: 1, audits: 1 })
  })
})

describe('the outcome form takes the fields of the chosen measure only', () => {
  test('fields of another measure (shown without JavaScript) are ignored, not validated nor stored; its own are required', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const { cookie, programId } = await programOf(db, a.id)
    const record = (form: Record<string, string>) =>
      call(
        outcomesAction,
        makeRequest(`/upt/${a.id}/outcomes`, {
          cookie,
          form: { intent: 'outcome', programId, count: '12', occurredOn: todayIn(), ...form },
        }),
        { uptId: a.id },
      )
    // Filled in by mistake under "trained": a bad link and a bad amount do not block the form.
    const trained = await record({
      metric: 'trained',
      link: 'not a link',
      valueRupiah: 'abc',
      capitalForm: 'goods',
      certifyingBody: 'BNSP',
      channel: 'Radio',
      reach: 'x',
    })
    expect(trained.status).toBe(302)
    expect(
      await db
        .selectFrom('outcomes')
        .select(['metric', 'link', 'value_rupiah', 'capital_form', 'certifying_body', 'channel', 'reach'])
        .execute(),
    ).toEqual([
      {
        metric: 'trained',
        link: null,
        value_rupiah: null,
        capital_form: null,
        certifying_body: null,
        channel: null,
        reach: null,
      },
    ])
    // The chosen measure's own fields are still checked, next to the field.
    const publication = await record({
      metric: 'publication',
      link: 'not a link',
      channel: 'Radio',
      certifyingBody: 'x'.repeat(500),
    })
    expect(publication.status).toBe(400)
    expect(publication.data.error).toEqual({ link: ['field.url'] })
    expect((await db.selectFrom('outcomes').select('id').execute()).length).toBe(1)
  })
})
