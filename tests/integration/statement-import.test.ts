import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { action, loader } from '#app/routes/finance.upt.$uptId.statements.tsx'
import { postPaymentConfirmed, postPayout } from '#app/domain/ledger/postings.ts'
import { createBilling, payBilling } from '#app/domain/pnbp/billings.ts'
import { nowIso } from '#app/lib/time.ts'
import { createUser, nationalSplitRule, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bank-statements')
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) as Uint8Array<ArrayBuffer>

async function setup(db: DB) {
  const { a: kediri, b: bangli } = await twoUpts(db)
  await nationalSplitRule(db)
  const fin = await createUser(db, { role: 'finance', uptId: bangli.id, totp: true })
  const other = await createUser(db, { role: 'finance', uptId: kediri.id, totp: true })
  return {
    kediri,
    bangli,
    cookie: await sessionCookieFor(db, fin.id),
    otherCookie: await sessionCookieFor(db, other.id),
    url: `/finance/upt/${bangli.id}/statements`,
  }
}

/** The ledger side of the November every fixture describes. */
async function november(db: DB, uptId: string) {
  await postPaymentConfirmed(db, {
    reference: 'bt:ML-2026-000777',
    uptId,
    provider: 'bank_transfer',
    grossAmount: 250_000,
    paidAt: '2026-11-03T02:00:00Z',
    sourceType: 'order',
    sourceId: 'ML-2026-000777',
  })
  await postPaymentConfirmed(db, {
    reference: 'bt:ML-2026-000781',
    uptId,
    provider: 'bank_transfer',
    grossAmount: 100_000,
    paidAt: '2026-11-04T02:00:00Z',
    sourceType: 'order',
    sourceId: 'ML-2026-000781',
  })
  await postPaymentConfirmed(db, {
    reference: 'bt:ML-2026-000782',
    uptId,
    provider: 'bank_transfer',
    grossAmount: 40_000,
    paidAt: '2026-11-04T03:00:00Z',
    sourceType: 'order',
    sourceId: 'ML-2026-000782',
  })
  await postPayout(db, { reference: 'po_1', uptId, provider: 'stripe', amount: 75_000, at: '2026-11-06T02:00:00Z' })
  await db.transaction().execute(async (trx) => {
    const billing = await createBilling(trx, {
      uptId,
      kodeBilling: '820261100000123',
      billingDate: '2026-11-09',
      amount: 500_000,
      period: '2026-10',
      actorUserId: null,
    })
    await payBilling(trx, {
      billingId: billing.id,
      uptId,
      ntpn: '0A1B2C3D4E5F6G7H',
      ntb: '123456789',
      paidDate: '2026-11-10',
      channel: 'Bank BRI',
      actorUserId: null,
    })
  })
}

/** A browser's multipart upload of a file, as the first step of the import form sends it. */
function upload(
  url: string,
  cookie: string,
  file: { name: string; bytes: Uint8Array<ArrayBuffer> },
  fields: Record<string, string> = {},
) {
  const form = new FormData()
  form.set('intent', 'preview')
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  form.set('file', new File([file.bytes], file.name, { type: 'text/csv' }))
  return new Request(`http://localhost:3000${url}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'x-client-ip': '203.0.113.7' },
    body: form,
  })
}

/** The second step: what the preview form posts back (decoded text, account, mapping). */
const confirm = (
  preview: { csv: string; fileName: string; account: string; mapping: Record<string, string> },
  intent = 'import',
  change: Record<string, string> = {},
) => ({
  intent,
  csv: preview.csv,
  fileName: preview.fileName,
  account: preview.account,
  ...preview.mapping,
  ...change,
})

const count = async (
  db: DB,
  table: 'bank_statement_lines' | 'bank_statement_imports' | 'bank_statement_mappings' | 'audit_log',
) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

type Line = { amount: number; matches: { method: string; target_ref: string }[] }

const FIXTURE_CASES = [
  { file: 'bri-internet-banking.csv', account: '', inFile: '007301001234308', problems: [] as string[] },
  { file: 'bni-direct.csv', account: '', inFile: '0987654321', problems: [] },
  { file: 'mandiri-mcm.csv', account: '', inFile: '1370012345678', problems: [] },
  { file: 'bca-klikbca.csv', account: '', inFile: '0123456789', problems: ['12 Tanggal Transaksi pnbp.datePending'] },
  { file: 'bsi-net.csv', account: '', inFile: '7123456789', problems: [] },
  {
    file: 'excel-id-semicolon.csv',
    account: '0091234567',
    inFile: null,
    problems: ['8 Jumlah (Rp) pnbp.amountNotWhole', '9 Tanggal pnbp.dateImpossible'],
  },
  { file: 'excel-unicode-text.txt', account: '0091234567', inFile: null, problems: [] },
]

describe('bank statement import', () => {
  test.each(FIXTURE_CASES)(
    '$file: the preview writes nothing and names the bad lines; the import takes the good ones; reconciliation matches them',
    async ({ file, account, inFile, problems }) => {
      const db = testDb()
      const { bangli, cookie, url } = await setup(db)
      await november(db, bangli.id)
      const audits = await count(db, 'audit_log')

      const shown = await call(action, upload(url, cookie, { name: file, bytes: bytes(file) }, { account }), {
        uptId: bangli.id,
      })
      expect(shown.status).toBe(200)
      const preview = shown.data.preview
      expect(preview).toMatchObject({
        fileName: file,
        accountInFile: inFile,
        mappingSource: 'guessed',
        counts: { fresh: 5, duplicate: 0, bad: problems.length },
      })
      expect(preview.lines.map((l: { date: string; amount: number }) => `${l.date} ${l.amount}`)).toEqual([
        '2026-11-03 250000',
        '2026-11-04 140000',
        '2026-11-06 75000',
        '2026-11-10 -500000',
        '2026-11-30 -15000',
      ])
      expect(
        preview.problems.map((p: { row: number; column: string; code: string }) => `${p.row} ${p.column} ${p.code}`),
      ).toEqual(problems)
      for (const table of ['bank_statement_lines', 'bank_statement_imports', 'bank_statement_mappings'] as const)
        expect(await count(db, table)).toBe(0)
      expect(await count(db, 'audit_log')).toBe(audits)

      const imported = await call(action, makeRequest(url, { cookie, form: confirm(preview) }), { uptId: bangli.id })
      expect(imported.status).toBe(302)
      expect(await count(db, 'bank_statement_lines')).toBe(5)
      expect(
        await db
          .selectFrom('bank_statement_imports')
          .select(['bank', 'file_name', 'imported', 'skipped', 'rejected'])
          .executeTakeFirstOrThrow(),
      ).toEqual({
        bank: inFile ?? account,
        file_name: file,
        imported: 5,
        skipped: 0,
        rejected: problems.length,
      })

      expect(
        (await call(action, makeRequest(url, { cookie, form: { intent: 'auto' } }), { uptId: bangli.id })).status,
      ).toBe(302)
      const state = await call(loader, makeRequest(url, { cookie }), { uptId: bangli.id })
      const byAmount = Object.fromEntries(
        state.data.lines.map((l: Line) => [l.amount, l.matches.map((m) => `${m.method}:${m.target_ref}`).sort()]),
      )
      expect(byAmount).toEqual({
        250000: ['reference:bt:ML-2026-000777'],
        140000: ['sum:bt:ML-2026-000781', 'sum:bt:ML-2026-000782'],
        75000: ['amount_date:po_1'],
        '-500000': ['reference:ntpn:0A1B2C3D4E5F6G7H'],
        '-15000': [],
      })
      expect(state.data.unmatchedCount).toBe(1)
    },
  )

  test("the next import of the account reuses its saved mapping; lines imported before are shown and skipped, another bank's wording of them is flagged", async () => {
    const db = testDb()
    const { bangli, cookie, url } = await setup(db)
    const bri = bytes('bri-internet-banking.csv')
    const first = await call(action, upload(url, cookie, { name: 'november.csv', bytes: bri }), { uptId: bangli.id })
    // The person corrects the guess (the date order stays day first) and imports: that is saved.
    await call(action, makeRequest(url, { cookie, form: confirm(first.data.preview) }), { uptId: bangli.id })
    expect(await db.selectFrom('bank_statement_mappings').selectAll().executeTakeFirstOrThrow()).toMatchObject({
      account: '007301001234308',
      delimiter: ',',
      date_format: 'dmy',
      date_column: 'Tanggal Transaksi',
      description_column: 'Uraian Transaksi',
      debit_column: 'Debet',
      credit_column: 'Kredit',
      amount_column: null,
    })

    // December's export overlaps November's last day: one line new, the rest imported before.
    const december = Buffer.from(bri)
      .toString('utf8')
      .replace(
        '"BIAYA ADMINISTRASI","0000000","15,000.00","0.00","12,450,000.00"\r\n',
        '"BIAYA ADMINISTRASI","0000000","15,000.00","0.00","12,450,000.00"\r\n"01/12/2026 08:00:00","TRF ML-2026-000990 SITI","8888071","0.00","99,000.00","12,549,000.00"\r\n',
      )
      .replace('30/11/2026"', '01/12/2026"')
    const second = await call(
      action,
      upload(url, cookie, { name: 'desember.csv', bytes: new TextEncoder().encode(december) }),
      { uptId: bangli.id },
    )
    expect(second.status).toBe(200)
    expect(second.data.preview.mappingSource).toBe('saved')
    expect(second.data.preview.lines.map((l: { status: string }) => l.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'new',
    ])
    expect(second.data.preview.counts).toMatchObject({ fresh: 1, duplicate: 5 })
    expect(
      (await call(action, makeRequest(url, { cookie, form: confirm(second.data.preview) }), { uptId: bangli.id }))
        .status,
    ).toBe(302)
    expect(await count(db, 'bank_statement_lines')).toBe(6)
    expect(
      await db
        .selectFrom('bank_statement_imports')
        .select(['imported', 'skipped'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow(),
    ).toEqual({ imported: 1, skipped: 5 })

    // The same month typed into Excel by hand: same dates and amounts, other words.
    const excel = await call(
      action,
      upload(
        url,
        cookie,
        { name: 'rekap.csv', bytes: bytes('excel-id-semicolon.csv') },
        { account: '0073-01-001234-30-8' },
      ),
      { uptId: bangli.id },
    )
    expect(excel.data.preview.mappingSource).toBe('guessed')
    expect(excel.data.preview.lines.map((l: { status: string }) => l.status)).toEqual([
      'similar',
      'similar',
      'similar',
      'similar',
      'similar',
    ])
  })

  test('a mapping the person chooses is used and checked: missing or doubled columns are named next to their field and nothing is imported', async () => {
    const db = testDb()
    const { bangli, cookie, url } = await setup(db)
    const first = await call(
      action,
      upload(url, cookie, { name: 'unicode.txt', bytes: bytes('excel-unicode-text.txt') }, { account: 'BSI giro' }),
      { uptId: bangli.id },
    )
    const preview = first.data.preview
    expect(preview.mapping).toMatchObject({
      delimiter: 'tab',
      dateFormat: 'ymd',
      amountColumn: 'Nominal',
      markerColumn: 'D/K',
    })

    const both = await call(
      action,
      makeRequest(url, {
        cookie,
        form: confirm(preview, 'preview', {
          debitColumn: 'Nominal',
          creditColumn: 'Keterangan',
          dateColumn: 'Tanggal Valuta',
        }),
      }),
      { uptId: bangli.id },
    )
    expect(both.status).toBe(200)
    expect(both.data.result.error).toMatchObject({
      dateColumn: ['pnbp.columnMissing'],
      amountColumn: ['pnbp.amountOrDebitCredit'],
      markerColumn: ['pnbp.markerWithAmount'],
    })
    expect(both.data.preview.lines).toEqual([])
    const refused = await call(
      action,
      makeRequest(url, { cookie, form: confirm(preview, 'import', { descriptionColumn: 'Tanggal' }) }),
      { uptId: bangli.id },
    )
    expect(refused.status).toBe(400)
    expect(refused.data.result.error).toMatchObject({
      '': ['pnbp.mappingIncomplete'],
      descriptionColumn: ['pnbp.columnTwice'],
    })
    expect(await count(db, 'bank_statement_lines')).toBe(0)

    // Without the marker column every amount reads as money in; the person's choice is saved.
    const noMarker = await call(
      action,
      makeRequest(url, { cookie, form: confirm(preview, 'import', { markerColumn: '' }) }),
      { uptId: bangli.id },
    )
    expect(noMarker.status).toBe(302)
    expect(
      (await db.selectFrom('bank_statement_lines').select('amount').orderBy('date').execute()).map((l) => l.amount),
    ).toEqual([250_000, 140_000, 75_000, 500_000, 15_000])
    expect(
      await db
        .selectFrom('bank_statement_mappings')
        .select(['account', 'marker_column', 'delimiter'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ account: 'BSI giro', marker_column: null, delimiter: '\t' })
  })

  test("a file that names another account than the one imported into is refused whole, with both numbers; the UPT's account is the default", async () => {
    const db = testDb()
    const { bangli, cookie, url } = await setup(db)
    await db
      .insertInto('upt_bank_accounts')
      .values({
        upt_id: bangli.id,
        bank_name: 'Bank Rakyat Indonesia',
        account_number: '0073-01-001234-30-8',
        account_holder: 'BPN 041 Lapas Bangli',
        updated_by: null,
        updated_at: nowIso(),
      })
      .execute()
    const page = await call(loader, makeRequest(url, { cookie }), { uptId: bangli.id })
    expect(page.data.account).toBe('007301001234308')
    expect(page.data.registered).toEqual({ bank: 'Bank Rakyat Indonesia', number: '0073-01-001234-30-8' })

    const ok = await call(
      action,
      upload(
        url,
        cookie,
        { name: 'bri.csv', bytes: bytes('bri-internet-banking.csv') },
        { account: page.data.account },
      ),
      { uptId: bangli.id },
    )
    expect(ok.status).toBe(200)
    const wrong = await call(
      action,
      upload(url, cookie, { name: 'bca.csv', bytes: bytes('bca-klikbca.csv') }, { account: page.data.account }),
      { uptId: bangli.id },
    )
    expect(wrong.status).toBe(400)
    expect(wrong.data.result.error.file).toEqual([
      'Berkas ini rekening koran nomor 0123456789, bukan rekening 007301001234308. Periksa berkasnya, atau ubah nomor rekening bila memang rekening lain.',
    ])
    expect(wrong.data.preview).toBeNull()
    const noAccount = await call(
      action,
      upload(url, cookie, { name: 'rekap.csv', bytes: bytes('excel-id-semicolon.csv') }),
      { uptId: bangli.id },
    )
    expect(noAccount.status).toBe(400)
    expect(noAccount.data.result.error.account).toEqual(['pnbp.accountRequired'])
    expect(await count(db, 'bank_statement_lines')).toBe(0)
  })

  test('only a file that is not a statement is refused whole, and it says what to do', async () => {
    const db = testDb()
    const { bangli, cookie, url } = await setup(db)
    const refused = async (name: string, data: Uint8Array<ArrayBuffer>) => {
      const r = await call(action, upload(url, cookie, { name, bytes: data }, { account: '0091234567' }), {
        uptId: bangli.id,
      })
      expect(r.status).toBe(400)
      return r.data.result.error.file[0]
    }
    expect(await refused('mutasi.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toMatch(
      /^Ini berkas Excel/,
    )
    expect(await refused('mutasi.pdf', new TextEncoder().encode('%PDF-1.7\n'))).toMatch(/^Ini berkas PDF/)
    expect(await refused('surat.csv', bytes('not-a-statement.csv'))).toMatch(/^Tabel transaksi tidak ditemukan/)
    const empty = await call(
      action,
      upload(url, cookie, { name: 'kosong.csv', bytes: new Uint8Array() }, { account: '0091234567' }),
      { uptId: bangli.id },
    )
    expect(empty.data.result.error.file).toEqual(['field.required'])
    for (const table of ['bank_statement_lines', 'bank_statement_imports', 'bank_statement_mappings'] as const)
      expect(await count(db, table)).toBe(0)
  })

  test("statement lines are paged by the database; a line on a later page can be matched from its link; another UPT's line id is not found", async () => {
    const db = testDb()
    const { kediri, bangli, cookie, otherCookie, url } = await setup(db)
    const csv = [
      'Tanggal;Keterangan;Jumlah',
      ...Array.from(
        { length: 45 },
        (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/${i < 28 ? '10' : '11'}/2026;TRF ${i};${(i + 1) * 1000}`,
      ),
    ].join('\n')
    expect(
      (
        await call(action, makeRequest(url, { cookie, form: { intent: 'import', csv, account: 'BRI' } }), {
          uptId: bangli.id,
        })
      ).status,
    ).toBe(302)
    const kediriUrl = `/finance/upt/${kediri.id}/statements`
    await call(
      action,
      makeRequest(kediriUrl, {
        cookie: otherCookie,
        form: { intent: 'import', csv: 'Tanggal;Keterangan;Jumlah\n01/11/2026;KEDIRI;5000', account: 'BNI' },
      }),
      { uptId: kediri.id },
    )
    const kediriLine = await db
      .selectFrom('bank_statement_lines')
      .select('id')
      .where('upt_id', '=', kediri.id)
      .executeTakeFirstOrThrow()

    const first = await call(loader, makeRequest(url, { cookie }), { uptId: bangli.id })
    expect(first.data).toMatchObject({ pages: 3, unmatchedCount: 45 })
    expect(first.data.lines).toHaveLength(20)
    expect(first.data.lines[0]).toMatchObject({ date: '2026-11-17', amount: 45_000 })
    const third = await call(loader, makeRequest(`${url}?page=3`, { cookie }), { uptId: bangli.id })
    expect(third.data.lines.map((l: { amount: number }) => l.amount)).toEqual([5000, 4000, 3000, 2000, 1000])
    const oldest = third.data.lines[4].id
    const matching = await call(loader, makeRequest(`${url}?match=${oldest}`, { cookie }), { uptId: bangli.id })
    expect(matching.data.matching).toMatchObject({ id: oldest, amount: 1000 })
    const foreign = await call(loader, makeRequest(`${url}?match=${kediriLine.id}`, { cookie }), { uptId: bangli.id })
    expect(foreign.data.matching).toBeNull()
  })

  test('the sample file is what the page describes: it previews as it is, into the right account, without a problem', async () => {
    const db = testDb()
    const { bangli, cookie, url } = await setup(db)
    await db
      .insertInto('upt_bank_accounts')
      .values({
        upt_id: bangli.id,
        bank_name: 'Bank Negara Indonesia',
        account_number: '0987654321',
        account_holder: 'BPN 041 Lapas Bangli',
        updated_by: null,
        updated_at: nowIso(),
      })
      .execute()
    const { loader: sampleLoader } = await import('#app/routes/finance.upt.$uptId.statements_.sample[.]csv.tsx')
    const sample = await call(sampleLoader, makeRequest(`${url}/sample.csv`, { cookie }), { uptId: bangli.id })
    expect(sample.status).toBe(200)
    const shown = await call(
      action,
      upload(
        url,
        cookie,
        { name: 'contoh-rekening-koran.csv', bytes: new TextEncoder().encode(sample.data) },
        { account: '0987654321' },
      ),
      { uptId: bangli.id },
    )
    expect(shown.status).toBe(200)
    expect(shown.data.preview).toMatchObject({
      accountInFile: '0987654321',
      problems: [],
      counts: { fresh: 4, bad: 0 },
    })
    expect(shown.data.preview.lines.map((l: { amount: number }) => l.amount)).toEqual([
      250_000, 1_175_000, -500_000, -15_000,
    ])
    expect(shown.data.preview.lines.every((l: { description: string }) => l.description.startsWith('CONTOH'))).toBe(
      true,
    )
  })
})
