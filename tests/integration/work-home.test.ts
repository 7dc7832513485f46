import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { createBilling, payBilling } from '#app/domain/pnbp/billings.ts'
import { postPaymentConfirmed } from '#app/domain/ledger/postings.ts'
import { workFor, type WorkSection } from '#app/domain/work/queries.ts'
import { queueWorkDigests } from '#app/domain/work/digest.server.ts'
import { action as accountAction, loader as accountLoader } from '#app/routes/account._index.tsx'
import { loadGrants } from '#app/domain/identity/sessions.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import { action as loginAction } from '#app/routes/login.tsx'
import { loader as workLoader } from '#app/routes/work.tsx'
import { action as orderAction } from '#app/routes/orders.$number.$token.tsx'
import { action as totpAction } from '#app/routes/login_.totp.tsx'
import { loader as reviewLoader } from '#app/routes/admin.stories.tsx'
import { currentTotp } from '#app/domain/identity/totp.ts'
import { call, cookieFrom, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import {
  createPartner,
  createUser,
  nationalSplitRule,
  sessionCookieFor,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
  twoUpts,
} from '#tests/factories.ts'
import { bankAccountFor, twoUptOrder } from '#tests/payments-support.ts'
import { activeAgreement } from '#tests/matching-fixtures.ts'

async function sectionsOf(db: DB, userId: string) {
  return workFor(db, { userId, grants: await loadGrants(db, userId) }, todayIn())
}
const countOf = (s: WorkSection | undefined, key: string) =>
  s?.items.find((i) => i.key === `work.item.${key}`)?.count ?? 0

async function statementLine(db: DB, uptId: string, amount: number) {
  const importId = newId()
  await db
    .insertInto('bank_statement_imports')
    .values({
      id: importId,
      upt_id: uptId,
      bank: 'BRI',
      file_name: 'rk.csv',
      imported: 1,
      skipped: 0,
      rejected: 0,
      created_at: nowIso(),
      created_by: null,
    })
    .execute()
  await db
    .insertInto('bank_statement_lines')
    .values({
      id: newId(),
      import_id: importId,
      upt_id: uptId,
      line_hash: newId(),
      date: todayIn(),
      amount,
      description: 'TRANSFER',
      reference: null,
      created_at: nowIso(),
    })
    .execute()
}

async function story(db: DB, o: { uptId: string; authorId: string; status: 'pending' | 'returned' | 'published' }) {
  const id = newId()
  await db
    .insertInto('stories')
    .values({
      id,
      slug: `cerita-${id}`,
      upt_id: o.uptId,
      partner_id: null,
      program_id: null,
      agreement_id: null,
      kind: null,
      title: 'Pelatihan menjahit',
      summary: 'Dua puluh peserta menyelesaikan pelatihan.',
      body: 'Isi cerita.',
      title_en: null,
      summary_en: null,
      status: o.status,
      no_identification_confirmed: 1,
      return_reason: o.status === 'returned' ? 'Foto terlalu dekat' : null,
      author_id: o.authorId,
      reviewed_by: null,
      reviewed_at: null,
      published_at: o.status === 'published' ? nowIso() : null,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute()
}

describe('work home: what waits, per role and scope', () => {
  test('UPT finance counts only its own UPT: Bangli never sees Kediri’s transfers, billings or statement lines', async () => {
    const db = testDb()
    const order = await twoUptOrder(db) // a = Kediri, b = Bangli
    await bankAccountFor(db, order.a.id)
    await bankAccountFor(db, order.b.id)
    const r = await call(
      orderAction,
      makeRequest(`/orders/${order.orderNumber}/${order.token}`, { form: { intent: 'transfer' } }),
      { number: order.orderNumber, token: order.token },
    )
    expect(r.status).toBe(302)
    // Only Kediri's buyer says the transfer is made.
    await db
      .updateTable('payments')
      .set({ proof_file: 'p.png', proof_uploaded_at: nowIso() })
      .where('upt_id', '=', order.a.id)
      .execute()
    await createBilling(db, {
      uptId: order.a.id,
      kodeBilling: '820261206000001',
      billingDate: todayIn(),
      amount: 10_000,
      period: todayIn().slice(0, 7),
      actorUserId: null,
    })
    await statementLine(db, order.a.id, 150_000)
    await statementLine(db, order.a.id, 20_000)

    const kediri = await createUser(db, { role: 'finance', uptId: order.a.id, totp: true })
    const bangli = await createUser(db, { role: 'finance', uptId: order.b.id, totp: true })
    const [k] = await sectionsOf(db, kediri.id)
    expect(k!.role).toBe('finance')
    expect(k!.scope).toBe(order.a.name)
    expect(countOf(k, 'transfersToConfirm')).toBe(1)
    expect(countOf(k, 'billingsDue')).toBe(1)
    expect(countOf(k, 'linesUnmatched')).toBe(2)
    expect(k!.items.find((i) => i.key === 'work.item.linesUnmatched')!.href).toBe(
      `/finance/upt/${order.a.id}/statements`,
    )
    const [b] = await sectionsOf(db, bangli.id)
    expect(b!.scope).toBe(order.b.name)
    expect(b!.items).toEqual([])

    // The one who gave the first confirmation is not asked for the second.
    await db
      .updateTable('payments')
      .set({ status: 'awaiting_second', first_confirmed_by: kediri.id, first_confirmed_at: nowIso() })
      .where('upt_id', '=', order.a.id)
      .execute()
    const other = await createUser(db, { role: 'finance', uptId: order.a.id, totp: true })
    expect(countOf((await sectionsOf(db, kediri.id))[0], 'secondConfirmations')).toBe(0)
    expect(countOf((await sectionsOf(db, other.id))[0], 'secondConfirmations')).toBe(1)
  })

  test('PNBP deposits: UPT finance sees its months owed (late apart), national finance the UPTs late, each linking to the month', async () => {
    const db = testDb()
    const { a: kediri, b: bangli } = await twoUpts(db)
    await nationalSplitRule(db)
    const sale = (uptId: string, day: string) =>
      postPaymentConfirmed(db, {
        reference: `t:${uptId}-${day}`,
        uptId,
        provider: 'bank_transfer',
        grossAmount: 1_000_000,
        paidAt: `${day}T03:00:00Z`,
        sourceType: 'order',
        sourceId: `o-${uptId}-${day}`,
      })
    // Kediri: August deposited in full, September and October owed; on 2026-10-20 September is
    // late (past the next working day) and October's sale of the 19th is not yet.
    await sale(kediri.id, '2026-08-10')
    await sale(kediri.id, '2026-09-10')
    await sale(kediri.id, '2026-10-19')
    const billing = await createBilling(db, {
      uptId: kediri.id,
      kodeBilling: '820260811000001',
      billingDate: '2026-08-11',
      amount: 150_000,
      period: '2026-08',
      actorUserId: null,
    })
    await payBilling(db, {
      billingId: billing.id,
      uptId: kediri.id,
      ntpn: 'A1B2C3D4E5F6G7H8',
      ntb: '123456',
      paidDate: '2026-08-11',
      channel: 'Teller',
      actorUserId: null,
    })
    // Bangli: one sale, deposited in full.
    await sale(bangli.id, '2026-10-01')
    const bangliBilling = await createBilling(db, {
      uptId: bangli.id,
      kodeBilling: '820261002000001',
      billingDate: '2026-10-02',
      amount: 150_000,
      period: '2026-10',
      actorUserId: null,
    })
    await payBilling(db, {
      billingId: bangliBilling.id,
      uptId: bangli.id,
      ntpn: 'H8G7F6E5D4C3B2A1',
      ntb: '654321',
      paidDate: '2026-10-02',
      channel: 'Teller',
      actorUserId: null,
    })
    const today = '2026-10-20'
    const sections = async (userId: string) => workFor(db, { userId, grants: await loadGrants(db, userId) }, today)
    const kf = await createUser(db, { role: 'finance', uptId: kediri.id, totp: true })
    const [k] = await sections(kf.id)
    const item = (key: string) => k!.items.find((i) => i.key === `work.item.${key}`)
    expect(item('depositsLate')).toMatchObject({ count: 1, href: `/finance/upt/${kediri.id}?month=2026-09` })
    expect(item('depositsDue')).toMatchObject({ count: 1, href: `/finance/upt/${kediri.id}?month=2026-10` })
    const bf = await createUser(db, { role: 'finance', uptId: bangli.id, totp: true })
    expect((await sections(bf.id))[0]!.items).toEqual([])
    const national = await createUser(db, { role: 'finance', totp: true })
    const [n] = await sections(national.id)
    expect(n!.scope).toBeNull()
    expect(n!.items).toEqual([{ key: 'work.item.uptsLate', count: 1, href: '/finance?month=2026-09' }])
  })

  test('UPT staff: paid sub-orders to process and processing ones to ship, only at their UPT', async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    await db.updateTable('sub_orders').set({ status: 'paid' }).where('order_id', '=', order.orderId).execute()
    await db.updateTable('sub_orders').set({ status: 'processing' }).where('upt_id', '=', order.b.id).execute()
    const kediri = await createUser(db, { role: 'upt_staff', uptId: order.a.id })
    const bangli = await createUser(db, { role: 'upt_staff', uptId: order.b.id })
    const [k] = await sectionsOf(db, kediri.id)
    expect(countOf(k, 'ordersToProcess')).toBe(1)
    expect(countOf(k, 'ordersToShip')).toBe(0)
    expect(k!.items[0]!.href).toBe(`/upt/${order.a.id}/orders?status=paid`)
    const [b] = await sectionsOf(db, bangli.id)
    expect(countOf(b, 'ordersToProcess')).toBe(0)
    expect(countOf(b, 'ordersToShip')).toBe(1)

    // An agreement of Kediri's ending within 30 days: Kediri's staff and the partner see it, Bangli not.
    const agreement = await activeAgreement(db, { uptId: order.a.id })
    const endsOn = new Date(Date.parse(`${todayIn()}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10)
    await db.updateTable('agreements').set({ end_date: endsOn }).where('id', '=', agreement.id).execute()
    const lapsing = (await sectionsOf(db, kediri.id))[0]!.items.find((i) => i.key === 'work.item.agreementsLapsing')
    expect(lapsing).toMatchObject({ count: 1, href: `/agreements/${agreement.id}` })
    expect(countOf((await sectionsOf(db, bangli.id))[0], 'agreementsLapsing')).toBe(0)
    expect(countOf((await sectionsOf(db, agreement.partnerUser.id))[0], 'agreementsLapsing')).toBe(1)
  })

  test('admins: pending partners (national sees all, a Kanwil only those serving it); several roles give several sections', async () => {
    const db = testDb()
    const p = await createPartner(db, { status: 'pending' })
    const province = await db
      .selectFrom('provinces')
      .select(['id', 'kanwil_id'])
      .orderBy('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('partner_provinces').values({ partner_id: p.id, province_id: province.id }).execute()
    const otherKanwil = await db
      .selectFrom('kanwils')
      .select('id')
      .where('id', '!=', province.kanwil_id)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const national = await createUser(db, { role: 'admin', totp: true })
    const own = await createUser(db, { role: 'admin', kanwilId: province.kanwil_id, totp: true })
    const elsewhere = await createUser(db, { role: 'admin', kanwilId: otherKanwil.id, totp: true })
    expect(countOf((await sectionsOf(db, national.id))[0], 'partnersToVerify')).toBe(1)
    expect(countOf((await sectionsOf(db, own.id))[0], 'partnersToVerify')).toBe(1)
    expect((await sectionsOf(db, elsewhere.id))[0]!.items).toEqual([])

    const { a } = await twoUpts(db)
    await db
      .insertInto('role_assignments')
      .values({
        id: newId(),
        user_id: national.id,
        role: 'upt_staff',
        kanwil_id: null,
        upt_id: a.id,
        partner_id: null,
        partner_role: null,
        created_at: nowIso(),
        created_by: null,
        revoked_at: null,
      })
      .execute()
    const both = await sectionsOf(db, national.id)
    expect(both.map((s) => s.role).sort()).toEqual(['admin', 'upt_staff'])
  })

  test('stories to review: counted exactly as the review page lists them (a Kanwil its own UPTs, national all), linking there', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db) // Kediri (Jawa Timur), Bangli (Bali)
    expect(a.kanwil_id).not.toBe(b.kanwil_id)
    const author = await createUser(db, { role: 'upt_staff', uptId: a.id })
    await story(db, { uptId: a.id, authorId: author.id, status: 'pending' })
    await story(db, { uptId: a.id, authorId: author.id, status: 'pending' })
    await story(db, { uptId: a.id, authorId: author.id, status: 'returned' })
    await story(db, { uptId: a.id, authorId: author.id, status: 'published' })
    await story(db, { uptId: b.id, authorId: author.id, status: 'pending' })
    const otherKanwil = await db
      .selectFrom('kanwils')
      .select('id')
      .where('id', 'not in', [a.kanwil_id, b.kanwil_id])
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const admins = {
      national: await createUser(db, { role: 'admin', totp: true }),
      jatim: await createUser(db, { role: 'admin', kanwilId: a.kanwil_id, totp: true }),
      bali: await createUser(db, { role: 'admin', kanwilId: b.kanwil_id, totp: true }),
      elsewhere: await createUser(db, { role: 'admin', kanwilId: otherKanwil.id, totp: true }),
    }
    const expected = { national: 3, jatim: 2, bali: 1, elsewhere: 0 }
    for (const [who, admin] of Object.entries(admins)) {
      const [section] = await sectionsOf(db, admin.id)
      const item = section!.items.find((i) => i.key === 'work.item.storiesToReview')
      expect(item?.count ?? 0, who).toBe(expected[who as keyof typeof expected])
      if (item) expect(item.href).toBe('/admin/stories')
      // The page the link opens lists the same stories.
      const page = await call(
        reviewLoader,
        makeRequest('/admin/stories', { cookie: await sessionCookieFor(db, admin.id) }),
      )
      expect(page.status, who).toBe(200)
      expect((page.data as { stories: unknown[] }).stories, who).toHaveLength(expected[who as keyof typeof expected])
    }
  })

  test('after login staff land on /work and buyers on /account; a buyer asking for /work goes to /account', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const buyer = await createUser(db, { role: 'buyer' })
    const login = (email: string) =>
      call(loginAction, makeRequest('/login', { form: { email, password: TEST_PASSWORD } }))
    expect((await login(staff.email)).headers.get('Location')).toBe('/work')
    expect((await login(buyer.email)).headers.get('Location')).toBe('/account')
    // Roles with a second factor land there after it; an explicit redirectTo still wins.
    const finance = await createUser(db, { role: 'finance', uptId: a.id, totp: true })
    const first = await login(finance.email)
    expect(first.headers.get('Location')).toBe(`/login/totp?redirectTo=${encodeURIComponent('/work')}`)
    const second = await call(
      totpAction,
      makeRequest('/login/totp', {
        form: { code: currentTotp(TEST_TOTP_SECRET), redirectTo: '/work' },
        cookie: cookieFrom(first.headers)!,
      }),
    )
    expect(second.headers.get('Location')).toBe('/work')
    const asked = await call(
      loginAction,
      makeRequest('/login', { form: { email: staff.email, password: TEST_PASSWORD, redirectTo: '/upt/x/orders' } }),
    )
    expect(asked.headers.get('Location')).toBe('/upt/x/orders')
    const page = await call(workLoader, makeRequest('/work', { cookie: await sessionCookieFor(db, staff.id) }))
    expect(page.status).toBe(200)
    expect((page.data as { sections: WorkSection[] }).sections[0]!.role).toBe('upt_staff')
    const away = await call(workLoader, makeRequest('/work', { cookie: await sessionCookieFor(db, buyer.id) }))
    expect(away.status).toBe(302)
    expect(away.headers.get('Location')).toBe('/account')
  })

  test('the daily digest: queued once a day to whoever has something waiting, never when switched off on /account', async () => {
    const db = testDb()
    const order = await twoUptOrder(db)
    await db.updateTable('sub_orders').set({ status: 'paid' }).where('upt_id', '=', order.a.id).execute()
    const busy = await createUser(db, { role: 'upt_staff', uptId: order.a.id })
    await createUser(db, { role: 'upt_staff', uptId: order.b.id })
    const off = await createUser(db, { role: 'upt_staff', uptId: order.a.id })
    const buyer = await createUser(db, { role: 'buyer' })
    const today = todayIn()

    // Switching off on /account: saved and audited with before and after.
    const cookie = await sessionCookieFor(db, off.id)
    expect(
      ((await call(accountLoader, makeRequest('/account', { cookie }))).data as { workDigest: boolean }).workDigest,
    ).toBe(true)
    expect((await call(accountAction, makeRequest('/account', { cookie, form: { intent: 'digest' } }))).status).toBe(
      302,
    )
    expect(
      ((await call(accountLoader, makeRequest('/account', { cookie }))).data as { workDigest: boolean }).workDigest,
    ).toBe(false)
    const audited = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'profile.workDigest')
      .where('actor_user_id', '=', off.id)
      .execute()
    expect(audited).toHaveLength(1)
    expect(JSON.parse(String(audited[0]!.details))).toEqual({
      before: { workDigest: true },
      after: { workDigest: false },
    })
    const buyerCookie = await sessionCookieFor(db, buyer.id)
    expect(
      ((await call(accountLoader, makeRequest('/account', { cookie: buyerCookie }))).data as { workDigest: unknown })
        .workDigest,
    ).toBeNull()

    expect(await queueWorkDigests(db, { appUrl: 'https://mitra.test', today })).toBe(1)
    const mails = await db.selectFrom('emails').select(['to_address', 'subject', 'text_body']).execute()
    expect(mails.map((m) => m.to_address)).toEqual([busy.email])
    expect(mails[0]!.subject).toContain('1')
    expect(mails[0]!.text_body).toContain(`https://mitra.test/upt/${order.a.id}/orders?status=paid`)
    expect(mails[0]!.text_body).toContain('https://mitra.test/account')
    // Again the same day: nothing more; the next day: one more.
    expect(await queueWorkDigests(db, { appUrl: 'https://mitra.test', today })).toBe(0)
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    expect(await queueWorkDigests(db, { appUrl: 'https://mitra.test', today: tomorrow })).toBe(1)
    expect(await db.selectFrom('emails').select('id').execute()).toHaveLength(2)
  })
})
