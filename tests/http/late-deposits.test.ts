import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { createSession } from '#app/domain/identity/sessions.ts'
import { postPaymentConfirmed, postRefund } from '#app/domain/ledger/postings.ts'
import { createBilling, payBilling } from '#app/domain/pnbp/billings.ts'
import { depositDeadline } from '#app/domain/pnbp/late.ts'
import { depositRuleOf, getSettings } from '#app/domain/pnbp/settings.ts'
import { todayIn } from '#app/lib/time.ts'
import { createUser } from '#tests/factories.ts'
import { send, serverDb } from './support.ts'

/** Two UPTs with nothing in the ledger yet, each with its own finance officer. */
async function quietUpts() {
  const db = serverDb()
  const upts = await db
    .selectFrom('upts')
    .select(['id', 'name'])
    .where('type', '=', 'lapas')
    .where('id', 'not in', db.selectFrom('ledger_lines').select('upt_id').distinct())
    .where('id', 'not in', db.selectFrom('role_assignments').select('upt_id').where('upt_id', 'is not', null))
    .orderBy('name')
    .limit(2)
    .execute()
  expect(upts).toHaveLength(2)
  return Promise.all(
    upts.map(async (u) => {
      const user = await createUser(db, { role: 'finance', uptId: u.id, totp: true })
      return { ...u, cookie: `ml_session=${await createSession(db, user.id)}` }
    }),
  )
}

async function pay(uptId: string, reference: string, gross: number, paidAt: string) {
  const db = serverDb()
  const { entry } = await db.transaction().execute((trx) =>
    postPaymentConfirmed(trx, {
      reference,
      uptId,
      provider: 'bank_transfer',
      grossAmount: gross,
      paidAt,
      sourceType: 'test',
      sourceId: reference,
    }),
  )
  const line = await db
    .selectFrom('ledger_lines')
    .select('credit')
    .where('entry_id', '=', entry.id)
    .where('account', '=', 'pnbp_payable')
    .executeTakeFirstOrThrow()
  return line.credit
}

async function deposit(uptId: string, kode: string, amount: number, period: string, paidDate: string) {
  await serverDb()
    .transaction()
    .execute(async (trx) => {
      const b = await createBilling(trx, {
        uptId,
        kodeBilling: kode,
        billingDate: paidDate,
        amount,
        period,
        actorUserId: null,
      })
      await payBilling(trx, {
        billingId: b.id,
        uptId,
        ntpn: `LATE${kode.slice(-12)}`,
        ntb: '1',
        paidDate,
        channel: 'Teller',
        actorUserId: null,
      })
    })
}

/** The report CSV as records keyed by its header. */
function csvRows(text: string) {
  const [head, ...rows] = text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','))
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])))
}

/** The one on-time / late badge of a UPT's finance page. */
function badge(html: string) {
  const all = [...html.matchAll(/class="badge badge-(?:bad|ok)"[^>]*>([^<]*)</g)].map((m) =>
    m[1]!.replace(/\u00a0/g, ' ').trim(),
  )
  expect(all).toHaveLength(1)
  return all[0]!
}
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

describe('late-deposit flags on the finance page and in the CSV', () => {
  test('a fully deposited month is never late (page and CSV); a partly deposited one names the late amount and days late in both', async () => {
    const [full, partial] = await quietUpts()

    // October: two sales and a refund; the whole month's PNBP deposited late in November.
    const p1 = await pay(full!.id, 'late:full:1', 1_000_000, '2026-10-05T03:00:00Z')
    const p2 = await pay(full!.id, 'late:full:2', 2_000_000, '2026-10-20T03:00:00Z')
    await serverDb()
      .transaction()
      .execute((trx) =>
        postRefund(trx, {
          reference: 'late:full:r',
          uptId: full!.id,
          provider: 'bank_transfer',
          amount: 500_000,
          refundedAt: '2026-10-25T03:00:00Z',
          originalReference: 'late:full:2',
        }),
      )
    const octoberDue = Number(
      (
        await serverDb()
          .selectFrom('ledger_lines')
          .select(sql<number>`sum(credit) - sum(debit)`.as('due'))
          .where('upt_id', '=', full!.id)
          .where('month', '=', '2026-10')
          .where('account', '=', 'pnbp_payable')
          .executeTakeFirstOrThrow()
      ).due,
    )
    expect(octoberDue).toBeLessThan(p1 + p2) // the refund took some back
    await deposit(full!.id, '810000000000001', octoberDue, '2026-10', '2026-11-20')

    // September: the first sale's PNBP deposited the next day, the second's never.
    const s1 = await pay(partial!.id, 'late:part:1', 1_000_000, '2026-09-03T03:00:00Z')
    const s2 = await pay(partial!.id, 'late:part:2', 2_000_000, '2026-09-17T03:00:00Z')
    await deposit(partial!.id, '810000000000002', s1, '2026-09', '2026-09-04')

    const fullPage = await send('/finance?month=2026-10', { cookie: full!.cookie })
    expect(fullPage.status).toBe(200)
    expect(badge(fullPage.text)).toBe('Tepat waktu')
    const fullCsv = csvRows((await send('/finance/report.csv?month=2026-10', { cookie: full!.cookie })).text)
    expect(fullCsv).toEqual([
      expect.objectContaining({
        upt_id: full!.id,
        pnbp_due: String(octoberDue),
        outstanding: '0',
        late_amount: '0',
        late_days: '0',
      }),
    ])

    const before = todayIn()
    const partialPage = await send('/finance?month=2026-09', { cookie: partial!.cookie })
    const partialCsv = csvRows((await send('/finance/report.csv?month=2026-09', { cookie: partial!.cookie })).text)
    const after = todayIn()
    const deadline = depositDeadline('2026-09-17', depositRuleOf(await getSettings(serverDb())))
    const days = [daysBetween(deadline, before), daysBetween(deadline, after)]
    const text = badge(partialPage.text)
    const shown = /^Terlambat: Rp ([\d.]+) belum disetor, (\d+) hari lewat batas$/.exec(text)
    expect(shown, text).not.toBeNull()
    expect(Number(shown![1]!.replace(/\./g, ''))).toBe(s2)
    expect(days).toContain(Number(shown![2]))
    expect(partialCsv).toEqual([
      expect.objectContaining({
        upt_id: partial!.id,
        outstanding: String(s2),
        late_amount: String(s2),
        late_days: shown![2],
      }),
    ])

    // national finance sees the same figures for both UPTs in the national CSV
    const national = await createUser(serverDb(), { role: 'finance', totp: true })
    const cookie = `ml_session=${await createSession(serverDb(), national.id)}`
    for (const [month, upt, row] of [
      ['2026-10', full!, fullCsv[0]!],
      ['2026-09', partial!, partialCsv[0]!],
    ] as const) {
      const all = csvRows((await send(`/finance/report.csv?month=${month}`, { cookie })).text)
      expect(all.find((r) => r.upt_id === upt.id)).toEqual(row)
    }
  })
})
