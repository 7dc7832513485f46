import fs from 'node:fs'
import fc from 'fast-check'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  type StatementMapping,
  StatementError,
  columnLabels,
  decodeStatement,
  guessMapping,
  readAmount,
  readDate,
  readLines,
  readTable,
  rowRanges,
} from '#app/domain/pnbp/statement-parse.ts'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bank-statements')
const fixture = (name: string) => decodeStatement(fs.readFileSync(path.join(FIXTURES, name)))

/** Reads a fixture as the preview does on a first import: find the table, guess, read. */
function read(name: string) {
  const table = readTable(fixture(name))
  const mapping = guessMapping(table)
  return { table, mapping, ...readLines(table, mapping) }
}
const summary = (lines: { row: number; date: string; amount: number }[]) =>
  lines.map((l) => `${l.row} ${l.date} ${l.amount}`)

// The same November in every file: two transfers in, a payout, the PNBP deposit and a fee out.
const NOVEMBER = [
  '2026-11-03 250000',
  '2026-11-04 140000',
  '2026-11-06 75000',
  '2026-11-10 -500000',
  '2026-11-30 -15000',
]
const at = (rows: number[]) => rows.map((r, i) => `${r} ${NOVEMBER[i]}`)

describe('bank statements as banks export them', () => {
  test('BRI internet banking: quoted CSV with CRLF, account and period above, Debet/Kredit columns, totals below', () => {
    const r = read('bri-internet-banking.csv')
    expect(r.table).toMatchObject({
      delimiter: ',',
      headerRow: 8,
      meta: { accountNumber: '007301001234308', period: { from: '2026-11-01', to: '2026-11-30' } },
    })
    expect(r.mapping).toMatchObject({
      date: 'Tanggal Transaksi',
      description: 'Uraian Transaksi',
      debit: 'Debet',
      credit: 'Kredit',
      amount: null,
      dateFormat: 'dmy',
    })
    expect(summary(r.lines)).toEqual(at([9, 10, 11, 12, 13]))
    expect(r.errors).toEqual([])
    expect(r.ignored).toEqual([14, 15, 16, 17, 18])
  })

  test('BNI: English headers, 03-Nov-2026 dates, one amount column with a Db/Cr column of C and D', () => {
    const r = read('bni-direct.csv')
    expect(r.table.meta).toEqual({ accountNumber: '0987654321', period: { from: '2026-11-01', to: '2026-11-30' } })
    expect(r.mapping).toMatchObject({
      date: 'Post Date',
      amount: 'Amount',
      marker: 'Db/Cr',
      reference: 'Journal No.',
      debit: null,
    })
    expect(summary(r.lines)).toEqual(at([8, 9, 10, 11, 12]))
    expect(r.lines[0]!.reference).toBe('J0001234')
    expect(r.errors).toEqual([])
  })

  test('Mandiri: no preamble, the account number in a column, two columns named Description, dd/mm/yy, .00 for an empty side', () => {
    const r = read('mandiri-mcm.csv')
    expect(r.table.columns).toContain('Description (2)')
    expect(r.table.meta.accountNumber).toBe('1370012345678')
    expect(r.mapping).toMatchObject({
      date: 'Post Date',
      description: 'Description',
      reference: 'Description (2)',
      debit: 'Debit',
      credit: 'Credit',
    })
    expect(summary(r.lines)).toEqual(at([2, 3, 4, 5, 6]))
    expect(r.lines[0]).toMatchObject({ description: 'TRANSFER DR BUDI SANTOSO', reference: 'ML-2026-000777' })
  })

  test("KlikBCA: Excel apostrophes, '03/11 with the year from Periode, an unnamed CR/DB column, a pending line named, balances skipped", () => {
    const r = read('bca-klikbca.csv')
    expect(r.table.columns).toEqual(['Tanggal Transaksi', 'Keterangan', 'Cabang', 'Jumlah', 'Kolom 5', 'Saldo'])
    expect(r.table.meta.accountNumber).toBe('0123456789')
    expect(r.mapping).toMatchObject({ amount: 'Jumlah', marker: 'Kolom 5' })
    expect(summary(r.lines)).toEqual(at([7, 8, 9, 10, 11]))
    expect(r.errors).toEqual([{ row: 12, column: 'Tanggal Transaksi', code: 'pnbp.datePending', value: 'PEND' }])
    expect(r.ignored).toEqual([13, 14, 15, 16])
  })

  test('BSI: UTF-8 BOM, semicolons, 250.000,00, a period written with month names, balance rows inside the table', () => {
    const r = read('bsi-net.csv')
    expect(r.table).toMatchObject({
      delimiter: ';',
      headerRow: 6,
      meta: { accountNumber: '7123456789', period: { from: '2026-11-01', to: '2026-11-30' } },
    })
    expect(r.table.columns[0]).toBe('Tanggal')
    expect(summary(r.lines)).toEqual(at([8, 9, 10, 11, 12]))
    expect(r.ignored).toEqual([7, 13])
  })

  test('Excel with an Indonesian locale: Windows-1252, semicolons, Rp and parentheses; the two bad lines are named and the rest is read', () => {
    const r = read('excel-id-semicolon.csv')
    expect(r.table).toMatchObject({
      delimiter: ';',
      headerRow: 3,
      columns: ['Tanggal', 'Uraian', 'Referensi', 'Jumlah (Rp)'],
    })
    expect(summary(r.lines)).toEqual(at([4, 5, 6, 7, 10]))
    expect(r.lines[0]!.description).toBe('Transfer Budi Santoso – pesanan ML-2026-000777')
    expect(r.lines[4]!.description).toBe('Biaya administrasi – Café kantin')
    expect(r.errors).toEqual([
      { row: 8, column: 'Jumlah (Rp)', code: 'pnbp.amountNotWhole', value: '1.250,50' },
      { row: 9, column: 'Tanggal', code: 'pnbp.dateImpossible', value: '31-02-2026' },
    ])
    expect(r.ignored).toEqual([11, 12])
  })

  test('Excel "Unicode text": UTF-16LE with BOM, tabs, yyyy-mm-dd, a D/K column with K, D, Kredit, Debet', () => {
    const r = read('excel-unicode-text.txt')
    expect(r.table.delimiter).toBe('\t')
    expect(r.mapping).toMatchObject({ amount: 'Nominal', marker: 'D/K', dateFormat: 'ymd' })
    expect(summary(r.lines)).toEqual(at([2, 3, 4, 5, 6]))
  })

  test('a file without a table is refused as a whole, with the reason', () => {
    expect(() => readTable(fixture('not-a-statement.csv'))).toThrowError(
      expect.objectContaining({ code: 'pnbp.headerNotFound' }),
    )
    expect(() => readTable('\r\n \r\n')).toThrowError(expect.objectContaining({ code: 'pnbp.statementEmpty' }))
  })

  test('workbooks and PDFs are named rather than read as garbage; UTF-16 without BOM and plain Windows-1252 are decoded', () => {
    const refused = (bytes: number[]) => {
      try {
        decodeStatement(new Uint8Array([...bytes, 0, 0, 0, 0]))
      } catch (e) {
        return e instanceof StatementError ? e.code : 'other'
      }
      return 'read'
    }
    expect(refused([0x50, 0x4b, 0x03, 0x04])).toBe('pnbp.statementSpreadsheet')
    expect(refused([0xd0, 0xcf, 0x11, 0xe0])).toBe('pnbp.statementSpreadsheet')
    expect(refused([0x25, 0x50, 0x44, 0x46])).toBe('pnbp.statementPdf')
    expect(decodeStatement(new Uint8Array(Buffer.from('Tanggal;Jumlah\r\n', 'utf16le')))).toBe('Tanggal;Jumlah\r\n')
    expect(decodeStatement(new Uint8Array([0x4b, 0x6f, 0x70, 0x20, 0x96, 0x20, 0x80, 0x20, 0xe9]))).toBe('Kop – € é')
  })
})

describe('the parts', () => {
  const table = (text: string) => readTable(text)
  const mapping = (o: Partial<StatementMapping>): StatementMapping => ({
    delimiter: ',',
    dateFormat: 'dmy',
    date: 'Tanggal',
    description: 'Keterangan',
    reference: null,
    amount: 'Jumlah',
    marker: null,
    debit: null,
    credit: null,
    ...o,
  })

  test('dates without a year take it from the period, also across New Year; outside it or without a period they are refused', () => {
    const period = { from: '2026-12-15', to: '2027-01-14' }
    expect(readDate('20/12', 'dmy', period)).toEqual({ ok: true, value: '2026-12-20' })
    expect(readDate("'05/01", 'dmy', period)).toEqual({ ok: true, value: '2027-01-05' })
    expect(readDate('20/02', 'dmy', period)).toEqual({ ok: false, code: 'pnbp.dateOutsidePeriod' })
    expect(readDate('31/02', 'dmy', period)).toEqual({ ok: false, code: 'pnbp.dateImpossible' })
    expect(readDate('20/12', 'dmy', null)).toEqual({ ok: false, code: 'pnbp.dateNoYear' })
  })

  test('a numeric day/month date in a year-first file is read only when one part cannot be a month', () => {
    expect(readDate('25/11/2026', 'ymd')).toEqual({ ok: true, value: '2026-11-25' })
    expect(readDate('05/11/2026', 'ymd')).toEqual({ ok: false, code: 'pnbp.dateAmbiguous' })
    expect(readDate('11/25/2026', 'mdy')).toEqual({ ok: true, value: '2026-11-25' })
    expect(readDate('11/25/2026', 'dmy')).toEqual({ ok: false, code: 'pnbp.dateImpossible' })
    expect(readDate('3 Agustus 2026')).toEqual({ ok: true, value: '2026-08-03' })
    expect(readDate('2026-11-03T08:15:00+07:00')).toEqual({ ok: true, value: '2026-11-03' })
    expect(readDate('01/01/1900')).toEqual({ ok: false, code: 'pnbp.dateImpossible' })
    expect(readDate('kemarin')).toEqual({ ok: false, code: 'pnbp.dateUnreadable' })
  })

  test('amounts: separators, currency, signs and suffixes; sen and contradictions refused', () => {
    const v = (s: string) => {
      const r = readAmount(s)
      return r.ok ? r.value : r.code
    }
    expect(v('1.250')).toBe(1250)
    expect(v('1,250')).toBe(1250)
    expect(v('IDR 1,250,000.00')).toBe(1_250_000)
    expect(v('Rp. 1.250.000')).toBe(1_250_000)
    expect(v('-Rp 15.000')).toBe(-15_000)
    expect(v('Rp -15.000')).toBe(-15_000)
    expect(v('15.000-')).toBe(-15_000)
    expect(v('250,000.00 CR')).toBe(250_000)
    expect(v('250.000,00 DB')).toBe(-250_000)
    expect(v('(250.000) DB')).toBe(-250_000)
    expect(v('="1250000"')).toBe(1_250_000)
    expect(v('.00')).toBe(0)
    expect(v('-250.000 CR')).toBe('pnbp.markerConflict')
    expect(v(',50')).toBe('pnbp.amountNotWhole')
    expect(v('12.5')).toBe('pnbp.amountNotWhole')
    expect(v('1.25.000')).toBe('pnbp.badAmount')
    expect(v('0.500')).toBe('pnbp.badAmount')
    expect(v('12 ribu')).toBe('pnbp.badAmount')
    expect(v('')).toBe('pnbp.amountMissing')
  })

  test('debit and credit columns: one side filled; both or neither is a bad line, named by both columns', () => {
    const t = table(
      'Tanggal,Keterangan,Debet,Kredit\n01/11/2026,A,,"1.000"\n02/11/2026,B,"2.000",\n03/11/2026,C,"3.000","3.000"\n04/11/2026,D,0,0\n',
    )
    const r = readLines(t, mapping({ amount: null, debit: 'Debet', credit: 'Kredit' }))
    expect(r.lines.map((l) => l.amount)).toEqual([1000, -2000])
    expect(r.errors).toEqual([
      { row: 4, column: 'Debet / Kredit', code: 'pnbp.debitAndCredit', value: '3.000 / 3.000' },
      { row: 5, column: 'Debet / Kredit', code: 'pnbp.amountMissing', value: '' },
    ])
  })

  test('a marker column must be a marker and agree with a written sign; a line can have two problems', () => {
    const t = table(
      'Tanggal,Keterangan,Jumlah,DK\n01/11/2026,A,100,K\n02/11/2026,B,100,X\n03/11/2026,C,-100,CR\n31/11/2026,D,1.5,D\n',
    )
    const r = readLines(t, mapping({ marker: 'DK' }))
    expect(r.lines.map((l) => l.amount)).toEqual([100])
    expect(r.errors.map((e) => `${e.row} ${e.column} ${e.code}`)).toEqual([
      '3 DK pnbp.badMarker',
      '4 DK pnbp.markerConflict',
      '5 Tanggal pnbp.dateImpossible',
      '5 Jumlah pnbp.amountNotWhole',
    ])
  })

  test('stray quotes cost nothing; a repeated header and a printed-on footer are skipped', () => {
    const t = table(
      'Tanggal,Keterangan,Jumlah\n01/11/2026,PIPA 5" INCI,100\n02/11/2026,"TRF BUDI,200\nTanggal,Keterangan,Jumlah\n03/11/2026,TRF SITI,300\nDicetak 01/12/2026 08:00\n',
    )
    const r = readLines(t, mapping({}))
    expect(r.lines.map((l) => `${l.row} ${l.amount} ${l.description}`)).toEqual([
      '2 100 PIPA 5" INCI',
      '3 200 "TRF BUDI',
      '5 300 TRF SITI',
    ])
    expect(r.errors).toEqual([])
    expect(r.ignored).toEqual([4, 6])
  })

  test('a line break inside quotes stays in its cell, and the rows after it keep their line numbers', () => {
    const t = table(
      'Tanggal,Keterangan,Jumlah\r\n01/11/2026,"TRF BUDI\r\nPESANAN ""ML-2026-000777""",100\r\n02/11/2026,TRF SITI,200\r\n',
    )
    const r = readLines(t, mapping({}))
    expect(r.lines.map((l) => `${l.row} ${l.amount} ${l.description}`)).toEqual([
      '2 100 TRF BUDI PESANAN "ML-2026-000777"',
      '4 200 TRF SITI',
    ])
  })

  test('a saved mapping finds its header row even where the labels are unusual; sep= is honoured', () => {
    const text = 'sep=;\nRekap;;\nTgl Trx;Uraian Bebas;Nilai Rp\n01/11/2026;A;1.000\n'
    expect(readTable(text).headerRow).toBe(3)
    expect(readTable(text, { expect: ['Tgl Trx', 'Uraian Bebas', 'Nilai Rp'] })).toMatchObject({
      delimiter: ';',
      headerRow: 3,
    })
    // A header nobody would guess is still found by its shape (labels, then a dated row).
    expect(readTable('Waktu;Catatan Bank;Besar\n01/11/2026;A;1.000\n')).toMatchObject({
      delimiter: ';',
      headerRow: 1,
      columns: ['Waktu', 'Catatan Bank', 'Besar'],
    })
  })

  test('labels are unique; row lists are ranges', () => {
    expect(columnLabels(['Tanggal', '', 'Description', 'Description', "'Saldo"])).toEqual([
      'Tanggal',
      'Kolom 2',
      'Description',
      'Description (2)',
      'Saldo',
    ])
    expect(rowRanges([1, 2, 3, 6, 8, 9, 2])).toBe('1–3, 6, 8–9')
  })
})

const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)
const pad = (n: number) => String(n).padStart(2, '0')
const validDate = fc.record({
  y: fc.integer({ min: 2000, max: 2099 }),
  m: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
})

describe('whole files (property)', () => {
  test('any month written as Excel with an Indonesian locale saves it (preamble, semicolons, totals) reads back line for line', () => {
    const line = fc.record({
      date: validDate,
      amount: fc.integer({ min: -50_000_000, max: 50_000_000 }).filter((n) => n !== 0),
      description: fc.stringMatching(/^[A-Z][A-Z0-9 .\-/]{0,40}$/).map((s) => s.trim().replace(/\s+/g, ' ')),
    })
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.boolean(), (lines, crlf) => {
        const rupiah = (n: number) => (n < 0 ? `-${group(-n, '.')},00` : `${group(n, '.')},00`)
        const rows = [
          'No. Rekening;0073-01-001234-30-8;;',
          'Periode;01/01/2000 - 31/12/2099;;',
          ';;;',
          'Tanggal;Keterangan;Referensi;Jumlah',
          ...lines.map((l) => `${pad(l.date.d)}/${pad(l.date.m)}/${l.date.y};${l.description};;${rupiah(l.amount)}`),
          ';;;',
          `Total;;;${rupiah(lines.reduce((s, l) => s + l.amount, 0))}`,
        ]
        const table = readTable(rows.join(crlf ? '\r\n' : '\n'))
        const read = readLines(table, guessMapping(table))
        expect(read.errors).toEqual([])
        expect(read.lines.map((l) => [l.row, l.date, l.amount, l.description])).toEqual(
          lines.map((l, i) => [i + 5, `${l.date.y}-${pad(l.date.m)}-${pad(l.date.d)}`, l.amount, l.description]),
        )
      }),
      { numRuns: 60 },
    )
  })
})
