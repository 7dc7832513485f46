import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { loader as indexLoader } from '#app/routes/finance._index.tsx'
import { loader as csvLoader } from '#app/routes/finance.report[.]csv.tsx'
import { action as rulesAction } from '#app/routes/finance.rules.tsx'
import { action as targetsAction } from '#app/routes/finance.targets.tsx'
import { action as settingsAction, loader as settingsLoader } from '#app/routes/finance.settings.tsx'
import { action as billingAction, loader as billingLoader } from '#app/routes/finance.upt.$uptId._index.tsx'
import { action as statementAction, loader as statementLoader } from '#app/routes/finance.upt.$uptId.statements.tsx'
import { postPaymentConfirmed, postPayout } from '#app/domain/ledger/postings.ts'
import { saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { createUser, nationalSplitRule, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

async function setup(db: DB) {
  const { a: kediri, b: bangli } = await twoUpts(db)
  await nationalSplitRule(db)
  await saveSplitRule(db, {
    scope: 'upt',
    uptId: bangli.id,
    programId: null,
    agreementId: null,
    base: 'sales',
    shares: { premi: 3500, pnbp: 5000, production: 1500, partner: 0, operations: 0 },
    effectiveFrom: '2022-01-01',
    actorUserId: null,
  })
  const fin = await createUser(db, { role: 'finance', uptId: bangli.id, totp: true })
  const other = await createUser(db, { role: 'finance', uptId: kediri.id, totp: true })
  const national = await createUser(db, { role: 'finance', totp: true })
  return {
    kediri,
    bangli,
    cookie: await sessionCookieFor(db, fin.id),
    otherCookie: await sessionCookieFor(db, other.id),
    nationalCookie: await sessionCookieFor(db, national.id),
  }
}

const count = async (
  db: DB,
  table: 'pnbp_billings' | 'pnbp_deposits' | 'ledger_entries' | 'bank_statement_lines' | 'bank_statement_imports',
) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const billingForm = (o: Record<string, string> = {}) => ({
  intent: 'create',
  kodeBilling: '820261100000123',
  billingDate: '2026-11-10',
  amount: '500000',
  period: '2026-11',
  ...o,
})

describe('finance pages', () => {
  test("a UPT's finance sees its month's PNBP due; another UPT's finance is refused and sees none of it", async () => {
    const db = testDb()
    const { bangli, cookie, otherCookie, nationalCookie } = await setup(db)
    await postPaymentConfirmed(db, {
      reference: 'demo:ML-2026-000001',
      uptId: bangli.id,
      provider: 'bank_transfer',
      grossAmount: 38_300_000,
      paidAt: '2026-11-03T02:00:00Z',
      sourceType: 'order',
      sourceId: 'ML-2026-000001',
    })
    const own = await call(indexLoader, makeRequest('/finance?month=2026-11', { cookie }))
    expect(own.data.rows).toHaveLength(1)
    expect(own.data.total).toMatchObject({
      grossSales: 38_300_000,
      pnbpDue: 19_150_000,
      premi: 13_405_000,
      outstanding: 19_150_000,
    })
    const other = await call(indexLoader, makeRequest('/finance?month=2026-11', { cookie: otherCookie }))
    expect(other.data.rows).toEqual([])
    expect(
      (
        await call(billingLoader, makeRequest(`/finance/upt/${bangli.id}`, { cookie: otherCookie }), {
          uptId: bangli.id,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await call(statementLoader, makeRequest(`/finance/upt/${bangli.id}/statements`, { cookie: otherCookie }), {
          uptId: bangli.id,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await call(
          billingAction,
          makeRequest(`/finance/upt/${bangli.id}`, { cookie: otherCookie, form: billingForm() }),
          { uptId: bangli.id },
        )
      ).status,
    ).toBe(403)
    expect(await count(db, 'pnbp_billings')).toBe(0)
    const csvOther = await call(csvLoader, makeRequest('/finance/report.csv?month=2026-11', { cookie: otherCookie }))
    expect(csvOther.data.split('\r\n').filter(Boolean)).toHaveLength(1)
    const national = await call(indexLoader, makeRequest('/finance?month=2026-11', { cookie: nationalCookie }))
    expect(national.data.kanwils).toHaveLength(1)
    expect(national.data.kanwils[0]).toMatchObject({ pnbpDue: 19_150_000, upts: 1 })
  })

  test('CSV export: UTF-8 with a header row and integer amounts', async () => {
    const db = testDb()
    const { bangli, cookie } = await setup(db)
    await postPaymentConfirmed(db, {
      reference: 'demo:1',
      uptId: bangli.id,
      provider: 'stripe',
      grossAmount: 1_000_001,
      paidAt: '2026-11-03T02:00:00Z',
      sourceType: 'order',
      sourceId: '1',
    })
    const res = await call(csvLoader, makeRequest('/finance/report.csv?month=2026-11', { cookie }))
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const [header, row] = (res.data as string).trim().split('\r\n')
    expect(header).toBe(
      'month,kanwil,upt_id,upt,gross_sales,refunds,base,pnbp_due,deposited,outstanding,premi,production,partner,operations,shipping,unique_codes,late_amount,late_days',
    )
    expect(row).toContain(`2026-11,`)
    expect(row!.split(',').slice(4, 8)).toEqual(['1000001', '0', '1000001', '500001'])
  })

  test('billings: 14 or 16 digit kode billing, duplicate NTPN and payment on an expired billing are refused and write nothing', async () => {
    const db = testDb()
    const { bangli, cookie } = await setup(db)
    const url = `/finance/upt/${bangli.id}`
    for (const kode of ['82026110000012', '8202611000001234', '82026110000012a']) {
      const res = await call(billingAction, makeRequest(url, { cookie, form: billingForm({ kodeBilling: kode }) }), {
        uptId: bangli.id,
      })
      expect(res.status).toBe(400)
      expect(res.data.error.kodeBilling).toEqual(['pnbp.kodeBilling15'])
    }
    expect(await count(db, 'pnbp_billings')).toBe(0)
    const ok = await call(billingAction, makeRequest(url, { cookie, form: billingForm() }), { uptId: bangli.id })
    expect(ok.status).toBe(302)
    const billing = await db.selectFrom('pnbp_billings').selectAll().executeTakeFirstOrThrow()
    expect(billing).toMatchObject({
      kode_billing: '820261100000123',
      expires_on: '2026-11-17',
      kode_akun: '425411',
      amount: 500_000,
    })
    const dupKode = await call(billingAction, makeRequest(url, { cookie, form: billingForm() }), { uptId: bangli.id })
    expect(dupKode.data.error.kodeBilling).toEqual(['pnbp.kodeBillingTaken'])

    const pay = (o: Record<string, string>) =>
      call(
        billingAction,
        makeRequest(url, {
          cookie,
          form: {
            intent: 'pay',
            billingId: billing.id,
            ntpn: '0A1B2C3D4E5F6G7H',
            ntb: '123456',
            paidDate: '2026-11-12',
            channel: 'BRI',
            ...o,
          },
        }),
        { uptId: bangli.id },
      )
    const expired = await pay({ paidDate: '2026-11-18' })
    expect(expired.status).toBe(400)
    expect(expired.data.error.paidDate).toEqual(['pnbp.billingExpired'])
    expect((await pay({ ntpn: '0A1B2C3D4E5F6G7' })).data.error.ntpn).toEqual(['pnbp.ntpn16'])
    expect(await count(db, 'pnbp_deposits')).toBe(0)
    expect(await count(db, 'ledger_entries')).toBe(0)
    expect((await pay({})).status).toBe(302)
    expect(await count(db, 'ledger_entries')).toBe(1)

    await call(billingAction, makeRequest(url, { cookie, form: billingForm({ kodeBilling: '820261100000124' }) }), {
      uptId: bangli.id,
    })
    const second = await db
      .selectFrom('pnbp_billings')
      .select('id')
      .where('kode_billing', '=', '820261100000124')
      .executeTakeFirstOrThrow()
    const dup = await call(
      billingAction,
      makeRequest(url, {
        cookie,
        form: {
          intent: 'pay',
          billingId: second.id,
          ntpn: '0a1b2c3d4e5f6g7h',
          ntb: '9',
          paidDate: '2026-11-12',
          channel: 'BRI',
        },
      }),
      { uptId: bangli.id },
    )
    expect(dup.status).toBe(400)
    expect(dup.data.error.ntpn).toEqual(['pnbp.ntpnTaken'])
    expect(await count(db, 'pnbp_deposits')).toBe(1)
    expect(await count(db, 'ledger_entries')).toBe(1)
    const deposited = await call(indexLoader, makeRequest('/finance?month=2026-11', { cookie }))
    expect(deposited.data.total.deposited).toBe(500_000)
  })

  test('statement import: preview writes nothing, bad lines are named and skipped while the good ones import, re-import adds nothing, reconcile and unmatch', async () => {
    const db = testDb()
    const { bangli, cookie, otherCookie } = await setup(db)
    const url = `/finance/upt/${bangli.id}/statements`
    await postPaymentConfirmed(db, {
      reference: 'bt:ML-2026-000777',
      uptId: bangli.id,
      provider: 'bank_transfer',
      grossAmount: 250_000,
      paidAt: '2026-11-03T02:00:00Z',
      sourceType: 'order',
      sourceId: 'ML-2026-000777',
    })
    await postPaymentConfirmed(db, {
      reference: 'bt:2',
      uptId: bangli.id,
      provider: 'bank_transfer',
      grossAmount: 100_000,
      paidAt: '2026-11-04T02:00:00Z',
      sourceType: 'order',
      sourceId: 'x2',
    })
    await postPaymentConfirmed(db, {
      reference: 'bt:3',
      uptId: bangli.id,
      provider: 'bank_transfer',
      grossAmount: 40_000,
      paidAt: '2026-11-04T02:00:00Z',
      sourceType: 'order',
      sourceId: 'x3',
    })
    await postPayout(db, {
      reference: 'po_1',
      uptId: bangli.id,
      provider: 'stripe',
      amount: 75_000,
      at: '2026-11-06T02:00:00Z',
    })
    // The fields of the form before issue 11 (a bank label and typed column names) still work.
    const mapping = {
      bank: 'BRI',
      dateColumn: 'Tanggal',
      amountColumn: 'Jumlah',
      descriptionColumn: 'Keterangan',
      referenceColumn: 'Referensi',
    }
    const good =
      'Tanggal,Jumlah,Keterangan,Referensi\n03/11/2026,"250.000",TRF ML-2026-000777 BUDI,\n05/11/2026,"140.000",TRF GABUNGAN,\n07/11/2026,75000,STRIPE PAYOUT,\n08/11/2026,"1.000,00",BUNGA,\n'
    const withBad = `${good}31/02/2026,1000,A,\n01/11/2026,12.5,B,\n`
    const onlyBad = 'Tanggal,Jumlah,Keterangan,Referensi\n31/02/2026,1000,A,\n01/11/2026,12.5,B,\n'

    const refused = await call(
      statementAction,
      makeRequest(url, { cookie, form: { intent: 'import', csv: onlyBad, ...mapping } }),
      { uptId: bangli.id },
    )
    expect(refused.status).toBe(400)
    expect(refused.data.result.error['']).toEqual(['pnbp.statementNoGoodLines'])
    expect(refused.data.preview.problems).toEqual([
      { row: 2, column: 'Tanggal', code: 'pnbp.dateImpossible', value: '31/02/2026' },
      { row: 3, column: 'Jumlah', code: 'pnbp.amountNotWhole', value: '12.5' },
    ])
    expect(await count(db, 'bank_statement_imports')).toBe(0)

    const preview = await call(
      statementAction,
      makeRequest(url, { cookie, form: { intent: 'preview', csv: withBad, ...mapping } }),
      { uptId: bangli.id },
    )
    expect(preview.status).toBe(200)
    expect(preview.data.preview.lines.map((l: { amount: number }) => l.amount)).toEqual([
      250_000, 140_000, 75_000, 1_000,
    ])
    expect(preview.data.preview.problems.map((p: { row: number; column: string }) => `${p.row} ${p.column}`)).toEqual([
      '6 Tanggal',
      '7 Jumlah',
    ])
    expect(await count(db, 'bank_statement_lines')).toBe(0)

    expect(
      (
        await call(
          statementAction,
          makeRequest(url, { cookie: otherCookie, form: { intent: 'import', csv: withBad, ...mapping } }),
          { uptId: bangli.id },
        )
      ).status,
    ).toBe(403)
    const first = await call(
      statementAction,
      makeRequest(url, { cookie, form: { intent: 'import', csv: withBad, ...mapping } }),
      { uptId: bangli.id },
    )
    expect(first.status).toBe(302)
    expect(await count(db, 'bank_statement_lines')).toBe(4)
    expect(
      await db
        .selectFrom('bank_statement_imports')
        .select(['imported', 'skipped', 'rejected'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ imported: 4, skipped: 0, rejected: 2 })
    const again = await call(
      statementAction,
      makeRequest(url, { cookie, form: { intent: 'import', csv: withBad, ...mapping } }),
      { uptId: bangli.id },
    )
    expect(again.status).toBe(302)
    expect(await count(db, 'bank_statement_lines')).toBe(4)
    const mappingRow = await db.selectFrom('bank_statement_mappings').selectAll().executeTakeFirstOrThrow()
    expect(mappingRow).toMatchObject({
      account: 'BRI',
      date_column: 'Tanggal',
      amount_column: 'Jumlah',
      reference_column: 'Referensi',
    })

    expect(
      (await call(statementAction, makeRequest(url, { cookie, form: { intent: 'auto' } }), { uptId: bangli.id }))
        .status,
    ).toBe(302)
    const state = await call(statementLoader, makeRequest(url, { cookie }), { uptId: bangli.id })
    const byAmount = Object.fromEntries(
      state.data.lines.map((l: { amount: number; matches: { method: string; target_ref: string }[] }) => [
        l.amount,
        l.matches.map((m) => `${m.method}:${m.target_ref}`).sort(),
      ]),
    )
    expect(byAmount).toEqual({
      250000: ['reference:bt:ML-2026-000777'],
      140000: ['sum:bt:2', 'sum:bt:3'],
      75000: ['amount_date:po_1'],
      1000: [],
    })
    const interest = state.data.lines.find((l: { amount: number }) => l.amount === 1000)
    const noComment = await call(
      statementAction,
      makeRequest(url, { cookie, form: { intent: 'match', lineId: interest.id, references: ['po_1'], comment: '' } }),
      { uptId: bangli.id },
    )
    expect(noComment.status).toBe(400)
    const payoutLine = state.data.lines.find((l: { amount: number }) => l.amount === 75000)
    expect(
      (
        await call(statementAction, makeRequest(url, { cookie, form: { intent: 'unmatch', lineId: payoutLine.id } }), {
          uptId: bangli.id,
        })
      ).status,
    ).toBe(302)
    const rows = await db
      .selectFrom('reconciliation_matches')
      .select(['method', 'target_ref', 'amount'])
      .where('target_ref', '=', 'po_1')
      .orderBy('created_at')
      .execute()
    expect(rows.map((r) => r.method)).toEqual(['amount_date', 'reversal'])
    const manual = await call(
      statementAction,
      makeRequest(url, {
        cookie,
        form: { intent: 'match', lineId: payoutLine.id, references: ['po_1'], comment: 'x' },
      }),
      { uptId: bangli.id },
    )
    expect(manual.status).toBe(302)
    // Within the tolerance (Rp 5.000 by default) with a write-off reason; beyond it refused.
    const interestTol = await call(
      statementAction,
      makeRequest(url, {
        cookie,
        form: { intent: 'match', lineId: interest.id, references: ['bt:3'], comment: 'bunga' },
      }),
      { uptId: bangli.id },
    )
    expect(interestTol.status).toBe(400)
    expect(interestTol.data.result.error.references).toEqual(['pnbp.targetUnavailable'])
    await postPayout(db, {
      reference: 'po_2',
      uptId: bangli.id,
      provider: 'stripe',
      amount: 4_000,
      at: '2026-11-08T02:00:00Z',
    })
    await postPayout(db, {
      reference: 'po_3',
      uptId: bangli.id,
      provider: 'stripe',
      amount: 7_000,
      at: '2026-11-08T02:00:00Z',
    })
    const tooFar = await call(
      statementAction,
      makeRequest(url, { cookie, form: { intent: 'match', lineId: interest.id, references: ['po_3'], comment: 'x' } }),
      { uptId: bangli.id },
    )
    expect(tooFar.data.result.error.references).toEqual(['pnbp.beyondTolerance?tolerance=5000'])
    expect(
      (
        await call(
          statementAction,
          makeRequest(url, {
            cookie,
            form: { intent: 'match', lineId: interest.id, references: ['po_2'], comment: 'selisih biaya bank' },
          }),
          { uptId: bangli.id },
        )
      ).status,
    ).toBe(302)
    const tol = await db
      .selectFrom('reconciliation_matches')
      .select(['method', 'comment'])
      .where('target_ref', '=', 'po_2')
      .executeTakeFirstOrThrow()
    expect(tol).toEqual({ method: 'tolerance', comment: 'selisih biaya bank' })
    const audits = await db.selectFrom('audit_log').select('action').where('action', 'like', 'pnbp.%').execute()
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['pnbp.statement.import', 'pnbp.reconcile.match', 'pnbp.reconcile.unmatch']),
    )
  })

  test('split rules: shares must sum to 100%; UPT finance cannot write national defaults; settings are national-only', async () => {
    const db = testDb()
    const { bangli, cookie, nationalCookie } = await setup(db)
    const form = {
      scope: 'upt',
      uptId: bangli.id,
      base: 'sales',
      pnbp: '50',
      premi: '35',
      production: '14,99',
      effectiveFrom: '2026-12-01',
    }
    const bad = await call(rulesAction, makeRequest('/finance/rules', { cookie, form }))
    expect(bad.status).toBe(400)
    expect(bad.data.error.pnbp).toEqual(['pnbp.sharesNot100'])
    expect(
      (await call(rulesAction, makeRequest('/finance/rules', { cookie, form: { ...form, production: '15' } }))).status,
    ).toBe(302)
    expect(
      (
        await call(
          rulesAction,
          makeRequest('/finance/rules', { cookie, form: { ...form, scope: 'national', production: '15' } }),
        )
      ).status,
    ).toBe(403)
    expect(await db.selectFrom('split_rules').select('id').execute()).toHaveLength(3)
    expect((await call(settingsLoader, makeRequest('/finance/settings', { cookie }))).status).toBe(403)
    const saved = await call(
      settingsAction,
      makeRequest('/finance/settings', {
        cookie: nationalCookie,
        form: {
          depositRule: 'monthly_deadline',
          deadlineDay: '10',
          holidays: '2026-12-25\n2026-12-26',
          kodeAkunDefault: '425411',
          billingExpiryDays: '7',
          toleranceRupiah: '5000',
        },
      }),
    )
    expect(saved.status).toBe(302)
    expect(
      (await call(settingsLoader, makeRequest('/finance/settings', { cookie: nationalCookie }))).data.settings,
    ).toMatchObject({ depositRule: 'monthly_deadline', holidays: ['2026-12-25', '2026-12-26'] })
    const badHoliday = await call(
      settingsAction,
      makeRequest('/finance/settings', {
        cookie: nationalCookie,
        form: {
          depositRule: 'monthly_deadline',
          deadlineDay: '10',
          holidays: '2026-13-45',
          kodeAkunDefault: '425411',
          billingExpiryDays: '7',
          toleranceRupiah: '5000',
        },
      }),
    )
    expect(badHoliday.status).toBe(400)
    // Yearly targets: national finance only; realisation on the index is deposits / target.
    expect(
      (
        await call(
          targetsAction,
          makeRequest('/finance/targets', { cookie, form: { uptId: bangli.id, year: '2026', amount: '1000' } }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await call(
          targetsAction,
          makeRequest('/finance/targets', {
            cookie: nationalCookie,
            form: { uptId: bangli.id, year: '2026', amount: '-5' },
          }),
        )
      ).status,
    ).toBe(400)
    expect(
      (
        await call(
          targetsAction,
          makeRequest('/finance/targets', {
            cookie: nationalCookie,
            form: { uptId: bangli.id, year: '2026', amount: '25000000' },
          }),
        )
      ).status,
    ).toBe(302)
    expect(
      (
        await call(
          targetsAction,
          makeRequest('/finance/targets', {
            cookie: nationalCookie,
            form: { uptId: bangli.id, year: '2026', amount: '20000000' },
          }),
        )
      ).status,
    ).toBe(302)
    const index = await call(indexLoader, makeRequest('/finance?month=2026-11', { cookie }))
    expect(index.data.yearly).toEqual([expect.objectContaining({ uptId: bangli.id, target: 20_000_000 })])
  })
})
