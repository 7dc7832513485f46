import type { DB } from '../client.ts'
import { postPaymentConfirmed, postPayout, postProviderFee, postTransferReceived } from '../../app/domain/ledger/postings.ts'
import { createBilling, payBilling } from '../../app/domain/pnbp/billings.ts'
import { ensureNationalSplitRule, saveSplitRule } from '../../app/domain/pnbp/rules.ts'
import { newId } from '../../app/utils/ids.ts'
import { nowIso, todayIn } from '../../app/utils/time.ts'

const NONE = { partner: 0, operations: 0 }

/** Amounts of paid demo orders (rupiah), cycled over the days of each month. */
const AMOUNTS = [150_000, 275_000, 1_250_000, 85_000, 420_000, 3_600_000, 95_000, 510_000]

function monthShift(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return d.toISOString().slice(0, 7)
}

/**
 * Split rules from DOMAIN.md, and paid demo orders posted to the ledger through the same
 * contract the payments code uses (references `demo:ML-YYYY-NNNNNN`), so /finance shows this
 * month's PNBP due. Deterministic: the same orders relative to the current month every run.
 */
export async function seedPnbpDemo(trx: DB, now: Date = new Date()) {
  await ensureNationalSplitRule(trx)
  const upt = async (slug: string) => (await trx.selectFrom('upts').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
  const bangli = await upt('lapas-narkotika-kelas-iia-bangli')
  const kediri = await upt('lapas-kelas-iia-kediri')
  const bukittinggi = await trx.selectFrom('upts').select('id').where('name', 'like', '%Bukittinggi%').executeTakeFirst()
  await saveSplitRule(trx, { scope: 'upt', uptId: bangli, programId: null, agreementId: null, base: 'sales', shares: { premi: 3500, pnbp: 5000, production: 1500, ...NONE }, effectiveFrom: '2022-01-01', note: 'Bangli 2023: 35/50/15 dari penjualan', actorUserId: null })
  if (bukittinggi) {
    await saveSplitRule(trx, { scope: 'upt', uptId: bukittinggi.id, programId: null, agreementId: null, base: 'profit', shares: { premi: 1500, pnbp: 2500, production: 6000, ...NONE }, effectiveFrom: '2023-01-01', note: 'Bukittinggi 2023: 15/25/60 dari laba', actorUserId: null })
  }
  // Kediri with its partner: the rule belongs to the demo's absorption agreement (seedMatchingDemo).
  const kediriAgreement =
    (await trx.selectFrom('agreements').select('id').where('upt_id', '=', kediri).where('kind', '=', 'absorption').where('status', '=', 'active').orderBy('number').executeTakeFirst())?.id ?? null
  if (kediriAgreement) {
    await saveSplitRule(trx, { scope: 'agreement', uptId: kediri, programId: null, agreementId: kediriAgreement, base: 'profit', shares: { premi: 500, pnbp: 1000, production: 0, partner: 8000, operations: 500 }, effectiveFrom: '2021-01-01', note: 'Kediri dengan mitra 2021: 5/10/80/5 dari laba', actorUserId: null })
  }

  const thisMonth = todayIn('Asia/Makassar', now).slice(0, 7)
  const year = thisMonth.slice(0, 4)
  let n = 0
  for (const [uptId, provider, count] of [[bangli, 'bank_transfer', 8], [kediri, 'stripe', 5]] as const) {
    for (const delta of [-2, -1, 0]) {
      const month = monthShift(thisMonth, delta)
      for (let i = 0; i < count; i++) {
        n++
        // 9xxxxx: earlier sales, numbered apart from the demo orders in the orders table
        const number = `ML-${year}-${String(900_000 + n).padStart(6, '0')}`
        const gross = AMOUNTS[n % AMOUNTS.length]!
        // 02:00 UTC = 10:00 WITA / 09:00 WIB on day i+1 of the month
        const paidAt = `${month}-${String(i + 1).padStart(2, '0')}T02:00:00.000Z`
        await postPaymentConfirmed(trx, {
          reference: `demo:${number}`,
          uptId,
          provider,
          grossAmount: gross,
          costAmount: Math.round(gross * 0.4),
          paidAt,
          agreementId: uptId === kediri ? kediriAgreement : null,
          sourceType: 'order',
          sourceId: number,
        })
        if (provider === 'bank_transfer') await postTransferReceived(trx, { paymentReference: `demo:${number}`, uptId, amount: gross, at: paidAt })
        if (provider === 'stripe') {
          await postProviderFee(trx, { reference: `demo:fee:${number}`, uptId, provider, amount: Math.round(gross * 0.029) + 2000, at: paidAt })
        }
      }
    }
  }
  // Bangli's PNBP for the month before last is deposited; a Kediri Stripe payout arrived.
  const before = monthShift(thisMonth, -2)
  const due = await trx
    .selectFrom('ledger_lines')
    .select((eb) => eb.fn.sum<number>('credit').as('c'))
    .where('upt_id', '=', bangli)
    .where('month', '=', before)
    .where('account', '=', 'pnbp_payable')
    .executeTakeFirstOrThrow()
  const billingDate = `${monthShift(thisMonth, -1)}-05`
  const billing = await createBilling(trx, { uptId: bangli, kodeBilling: '820260000000001', billingDate, amount: Number(due.c), period: before, actorUserId: null })
  await payBilling(trx, { billingId: billing.id, uptId: bangli, ntpn: 'DEMO0A1B2C3D4E5F', ntb: '000123456789', paidDate: billingDate, channel: 'Bank BRI (teller)', actorUserId: null })
  const clearing = await trx
    .selectFrom('ledger_lines')
    .select((eb) => eb.fn.sum<number>(eb(eb.ref('debit'), '-', eb.ref('credit'))).as('b'))
    .where('upt_id', '=', kediri)
    .where('account', '=', 'clearing:stripe')
    .where('month', '=', before)
    .executeTakeFirstOrThrow()
  await postPayout(trx, { reference: 'demo:po_kediri_1', uptId: kediri, provider: 'stripe', amount: Number(clearing.b), at: `${monthShift(thisMonth, -1)}-02T02:00:00.000Z` })
  await trx.insertInto('pnbp_targets').values([
    { id: newId(), upt_id: bangli, year: Number(year), amount: 6_000_000, updated_at: nowIso() },
    { id: newId(), upt_id: kediri, year: Number(year), amount: 1_500_000, updated_at: nowIso() },
  ]).execute()
}
