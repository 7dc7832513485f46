import type { LoaderFunctionArgs } from '@remix-run/node'
import { registeredAccount } from '#app/domain/pnbp/statements.server.ts'
import { csvResponse } from '#app/web/csv.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUptFinance } from '#app/web/guards.server.ts'

// Resource route: a sample statement as Excel with an Indonesian locale saves one (BOM so Excel
// reads UTF-8, semicolons, CRLF, 1.250.000,00, dd/mm/yyyy), naming this UPT's account so the
// import's account check passes. Every line says CONTOH (example).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptFinance(request, params.uptId)
  const account = await registeredAccount(getDb(), upt.id)
  const rows = [
    ...(account ? [`No. Rekening;${account.account_number};;;`] : []),
    'Periode;01/11/2026 - 30/11/2026;;;',
    ';;;;',
    'Tanggal;Keterangan;Referensi;Debet;Kredit',
    '03/11/2026;CONTOH transfer pembeli pesanan ML-2026-000123;;;250.000,00',
    '06/11/2026;CONTOH pencairan Stripe;;;1.175.000,00',
    '10/11/2026;CONTOH setoran PNBP SIMPONI;NTPN 0A1B2C3D4E5F6G7H;500.000,00;',
    '30/11/2026;CONTOH biaya administrasi bank;;15.000,00;',
  ]
  return csvResponse(`\uFEFF${rows.join('\r\n')}\r\n`, 'contoh-rekening-koran.csv')
}
