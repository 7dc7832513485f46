import { describe, expect, test } from 'vitest'
import { todayIn } from '#app/lib/time.ts'
import { changedTables, fingerprint, send, sessionFor } from './support.ts'

/** The settlement upload as a browser sends it: multipart with the report (ADR 028). */
function reportForm(csv: string, bankReference = 'MIDTRANS STL HTTP') {
  const form = new FormData()
  form.set('intent', 'midtrans')
  form.set('bankReference', bankReference)
  form.set('report', new File([csv], 'settlement.csv', { type: 'text/csv' }))
  return form
}
const HEADER = 'Order ID,Gross Amount,Fee,Net Amount,Settlement Date'

describe('Midtrans settlement upload over HTTP', () => {
  test('bad reports answer 400 with the line named and write nothing; a UPT finance gets 403; anonymous is sent to log in', async () => {
    const cookie = await sessionFor('keuangan@mitralipas.demo')
    const before = await fingerprint()
    const today = todayIn()

    const excel = await send('/finance/payouts', {
      cookie,
      body: reportForm(
        `Order ID;Gross Amount;Fee;Net Amount;Settlement Date\nML-2026-999999-MT1;1.250.000,00;8750;1241250;${today}\n`,
      ),
    })
    expect(excel.status).toBe(400)
    expect(excel.text).toContain('Baris 2:')
    expect(excel.text).toContain('kolom Gross Amount berisi')

    const unknown = await send('/finance/payouts', {
      cookie,
      body: reportForm(`${HEADER}\nML-2026-999999-MT1,100000.00,700.00,99300.00,${today}\n`),
    })
    expect(unknown.status).toBe(400)
    expect(unknown.text).toContain('ML-2026-999999-MT1')
    expect(unknown.text).toContain('bukan pembayaran Midtrans yang dikenal portal')

    const columns = await send('/finance/payouts', { cookie, body: reportForm('Order,Amount\nX,1\n') })
    expect(columns.status).toBe(400)
    expect(columns.text).toContain('kolom tidak ditemukan')

    const noFile = await send('/finance/payouts', { cookie, form: { intent: 'midtrans', bankReference: '' } })
    expect(noFile.status).toBe(400)
    expect(noFile.text).toContain('Isi referensi transfer dari rekening koran.')

    const upt = await send('/finance/payouts', {
      cookie: await sessionFor('keuangan.kediri@mitralipas.demo'),
      body: reportForm(`${HEADER}\nML-2026-999999-MT1,100000,700,99300,${today}\n`),
    })
    expect(upt.status).toBe(403)
    const anonymous = await send('/finance/payouts', { body: reportForm(`${HEADER}\n`) })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
    // the refused UPT request is audited by the guard; nothing else changed
    expect(changedTables(before, await fingerprint()).filter((t) => t !== 'audit_log')).toEqual([])
  })
})
