import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bank-statements')
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) as Uint8Array<ArrayBuffer>

async function bangli() {
  const upt = await serverDb()
    .selectFrom('upts')
    .select('id')
    .where('slug', '=', 'lapas-narkotika-kelas-iia-bangli')
    .executeTakeFirstOrThrow()
  return upt.id
}

/** The first step of the import form as a browser sends it: multipart with the file. */
function fileForm(name: string, data: Uint8Array<ArrayBuffer>, account: string) {
  const form = new FormData()
  form.set('intent', 'preview')
  form.set('account', account)
  form.set('file', new File([data], name, { type: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' }))
  return form
}

const statementLines = async (uptId: string) =>
  Number(
    (
      await serverDb()
        .selectFrom('bank_statement_lines')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('upt_id', '=', uptId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('bank statements over HTTP', () => {
  test("the sample file answers 200 as a CSV attachment to the UPT's finance; others are sent to log in, refused or told it does not exist", async () => {
    const id = await bangli()
    const url = `/finance/upt/${id}/statements/sample.csv`
    const sample = await send(url, { cookie: await sessionFor('keuangan.bangli@mitralipas.demo') })
    expect(sample.status).toBe(200)
    expect(sample.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(sample.headers.get('Content-Disposition')).toBe('attachment; filename="contoh-rekening-koran.csv"')
    expect(sample.headers.get('Cache-Control')).toContain('no-store')
    expect(sample.text).toContain('\r\nTanggal;Keterangan;Referensi;Debet;Kredit\r\n')
    const anonymous = await send(url)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
    expect((await send(url, { cookie: await sessionFor('keuangan.kediri@mitralipas.demo') })).status).toBe(403)
    expect(
      (
        await send('/finance/upt/no-such-upt/statements/sample.csv', {
          cookie: await sessionFor('keuangan@mitralipas.demo'),
        })
      ).status,
    ).toBe(404)
  })

  test('an Excel semicolon file uploaded as multipart previews with 200 and writes nothing, then imports with 302; a workbook or a foreign account gets 400 and writes nothing', async () => {
    const id = await bangli()
    const url = `/finance/upt/${id}/statements`
    const cookie = await sessionFor('keuangan.bangli@mitralipas.demo')
    const before = await fingerprint()
    const lines = await statementLines(id)

    const preview = await send(url, {
      cookie,
      body: fileForm('rekap-november.csv', bytes('excel-id-semicolon.csv'), '0091234567'),
    })
    expect(preview.status).toBe(200)
    expect(preview.text).toContain('Pratinjau impor')
    expect(preview.text).toContain('Baris 8, kolom Jumlah (Rp) (1.250,50): bukan rupiah utuh')
    expect(preview.text).toContain('Impor 5 baris baru')
    expect(changedTables(before, await fingerprint())).toEqual([])

    const workbook = await send(url, {
      cookie,
      body: fileForm(
        'mutasi.xlsx',
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]),
        '0091234567',
      ),
    })
    expect(workbook.status).toBe(400)
    expect(workbook.text).toContain('Ini berkas Excel')
    const foreign = await send(url, {
      cookie,
      body: fileForm('bri.csv', bytes('bri-internet-banking.csv'), '0091234567'),
    })
    expect(foreign.status).toBe(400)
    expect(foreign.text).toContain('bukan rekening 0091234567')
    expect(changedTables(before, await fingerprint())).toEqual([])

    // Confirmed: the same upload with intent import (the mapping is the one the preview proposed).
    const confirmed = fileForm('rekap-november.csv', bytes('excel-id-semicolon.csv'), '0091234567')
    confirmed.set('intent', 'import')
    const imported = await send(url, { cookie, body: confirmed })
    expect(imported.status).toBe(302)
    expect(imported.headers.get('Location')).toBe(url)
    expect(changedTables(before, await fingerprint()).sort()).toEqual([
      'bank_statement_imports',
      'bank_statement_lines',
      'bank_statement_mappings',
    ])
    expect(await statementLines(id)).toBe(lines + 5)
  })
})
