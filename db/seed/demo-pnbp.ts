import type { DB } from '../client.ts'
import {
  postPaymentConfirmed,
  postPayout,
  postProviderFee,
  postTransferReceived,
} from '../../app/domain/ledger/postings.ts'
import { createBilling, payBilling } from '../../app/domain/pnbp/billings.ts'
import { ensureNationalSplitRule, saveSplitRule } from '../../app/domain/ledger/split-rules.ts'
import { newId } from '../../app/lib/ids.ts'
import { nowIso, todayIn } from '../../app/lib/time.ts'

const NONE = { partner: 0, operations: 0 }

function monthShift(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return d.toISOString().slice(0, 7)
}

/** Prices of each UPT's demo products (rupiah), so a sale is a plausible basket. */
const PRICES = {
  bangli: [25_000, 65_000, 750_000],
  kediri: [450_000, 175_000, 650_000, 3_000],
}
/** Sales in the month before last, last month and this month: every month its own figures. */
const COUNTS = { bangli: [8, 11, 9], kediri: [5, 7, 6] }

/** A deterministic basket for the n-th demo sale: one product, a quantity that suits its price. */
export function demoSaleAmount(prices: readonly number[], n: number): number {
  const h = Math.imul(n, 2_654_435_761) >>> 0
  const price = prices[h % prices.length]!
  const pick = (h >>> 8) % 100
  const qty = price >= 500_000 ? 1 + (pick % 2) : price < 10_000 ? 10 + (pick % 40) : 1 + (pick % 6)
  return price * qty
}

/** Midnight starting `month` in a UTC+`offsetHours` zone, as an instant. */
const monthStart = (month: string, offsetHours: number) => Date.parse(`${month}-01T00:00:00Z`) - offsetHours * 3_600_000

/**
 * When the sales of a month happened: spread over the month's days (between 08:00 and 15:00 in
 * western Indonesia), or, for the month still running, evenly between its first midnight and
 * now, so nothing is ever dated after the moment the seed runs, whatever the day.
 */
function saleTimes(month: string, count: number, offsetHours: number, now: Date): string[] {
  const start = monthStart(month, offsetHours)
  const end = monthStart(monthShift(month, 1), offsetHours)
  if (end <= now.getTime()) {
    const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()
    return Array.from({ length: count }, (_, i) => {
      const day = 1 + Math.floor((i * days) / count)
      return `${month}-${String(day).padStart(2, '0')}T${String(1 + ((i * 5) % 8)).padStart(2, '0')}:${String((i * 17) % 60).padStart(2, '0')}:00.000Z`
    })
  }
  const span = now.getTime() - start
  return Array.from({ length: count }, (_, i) =>
    new Date(start + Math.floor((span * (i + 1)) / (count + 1) / 1000) * 1000).toISOString(),
  )
}

export async function seedPnbpDemo(trx: DB, now: Date = new Date()) {
  await ensureNationalSplitRule(trx)
  const upt = async (slug: string) =>
    (await trx.selectFrom('upts').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
  const bangli = await upt('lapas-narkotika-kelas-iia-bangli')
  const kediri = await upt('lapas-kelas-iia-kediri')
  const bukittinggi = await trx
    .selectFrom('upts')
    .select('id')
    .where('name', 'like', '%Bukittinggi%')
    .executeTakeFirst()
  await saveSplitRule(trx, {
    scope: 'upt',
    uptId: bangli,
    programId: null,
    agreementId: null,
    base: 'sales',
    shares: { premi: 3500, pnbp: 5000, production: 1500, ...NONE },
    effectiveFrom: '2022-01-01',
    note: 'Bangli 2023: 35/50/15 dari penjualan',
    actorUserId: null,
  })
  if (bukittinggi) {
    await saveSplitRule(trx, {
      scope: 'upt',
      uptId: bukittinggi.id,
      programId: null,
      agreementId: null,
      base: 'profit',
      shares: { premi: 1500, pnbp: 2500, production: 6000, ...NONE },
      effectiveFrom: '2023-01-01',
      note: 'Bukittinggi 2023: 15/25/60 dari laba',
      actorUserId: null,
    })
  }
  // Kediri with its partner: the rule belongs to the demo's absorption agreement (seedMatchingDemo).
  const kediriAgreement =
    (
      await trx
        .selectFrom('agreements')
        .select('id')
        .where('upt_id', '=', kediri)
        .where('kind', '=', 'absorption')
        .where('status', '=', 'active')
        .orderBy('number')
        .executeTakeFirst()
    )?.id ?? null
  if (kediriAgreement) {
    await saveSplitRule(trx, {
      scope: 'agreement',
      uptId: kediri,
      programId: null,
      agreementId: kediriAgreement,
      base: 'profit',
      shares: { premi: 500, pnbp: 1000, production: 0, partner: 8000, operations: 500 },
      effectiveFrom: '2021-01-01',
      note: 'Kediri dengan mitra 2021: 5/10/80/5 dari laba',
      actorUserId: null,
    })
  }

  // Each UPT's months are its own (Bali is an hour ahead of Java: on 1 January at 00:30 in
  // Bangli, Kediri is still in December).
  const sellers = [
    { uptId: bangli, key: 'bangli' as const, provider: 'bank_transfer' as const, zone: 'Asia/Makassar', offset: 8 },
    { uptId: kediri, key: 'kediri' as const, provider: 'stripe' as const, zone: 'Asia/Jakarta', offset: 7 },
  ]
  const thisMonth = (s: (typeof sellers)[number]) => todayIn(s.zone, now).slice(0, 7)
  const year = thisMonth(sellers[0]!).slice(0, 4)
  let n = 0
  for (const s of sellers) {
    for (const [k, delta] of [-2, -1, 0].entries()) {
      const month = monthShift(thisMonth(s), delta)
      for (const paidAt of saleTimes(month, COUNTS[s.key][k]!, s.offset, now)) {
        n++
        // 9xxxxx: earlier sales, numbered apart from the demo orders in the orders table
        const number = `ML-${year}-${String(900_000 + n).padStart(6, '0')}`
        const gross = demoSaleAmount(PRICES[s.key], n)
        await postPaymentConfirmed(trx, {
          reference: `demo:${number}`,
          uptId: s.uptId,
          provider: s.provider,
          grossAmount: gross,
          costAmount: Math.round(gross * 0.4),
          paidAt,
          agreementId: s.uptId === kediri ? kediriAgreement : null,
          sourceType: 'order',
          sourceId: number,
        })
        if (s.provider === 'bank_transfer')
          await postTransferReceived(trx, {
            paymentReference: `demo:${number}`,
            uptId: s.uptId,
            amount: gross,
            at: paidAt,
          })
        else
          await postProviderFee(trx, {
            reference: `demo:fee:${number}`,
            uptId: s.uptId,
            provider: s.provider,
            amount: Math.round(gross * 0.029) + 2000,
            at: paidAt,
          })
      }
    }
  }
  // The month before last is deposited in full at both UPTs, early last month (Bangli on the
  // 5th, Kediri on the 7th); last month and this month are still owed. A Kediri Stripe payout
  // of the month before last arrived on the 2nd of last month.
  let kode = 0
  for (const s of sellers) {
    const before = monthShift(thisMonth(s), -2)
    const due = await trx
      .selectFrom('ledger_lines')
      .select((eb) => eb.fn.sum<number>(eb(eb.ref('credit'), '-', eb.ref('debit'))).as('c'))
      .where('upt_id', '=', s.uptId)
      .where('month', '=', before)
      .where('account', '=', 'pnbp_payable')
      .executeTakeFirstOrThrow()
    kode++
    const billingDate = `${monthShift(thisMonth(s), -1)}-0${s.key === 'bangli' ? 5 : 7}`
    const billing = await createBilling(trx, {
      uptId: s.uptId,
      kodeBilling: `82026000000000${kode}`,
      billingDate,
      amount: Number(due.c),
      period: before,
      actorUserId: null,
    })
    await payBilling(trx, {
      billingId: billing.id,
      uptId: s.uptId,
      ntpn: s.key === 'bangli' ? 'DEMO0A1B2C3D4E5F' : 'DEMO1K2D3R4I5P6Q',
      ntb: `00012345678${kode}`,
      paidDate: billingDate,
      channel: s.key === 'bangli' ? 'Bank BRI (teller)' : 'Bank Mandiri (internet banking)',
      actorUserId: null,
    })
  }
  const kediriBefore = monthShift(thisMonth(sellers[1]!), -2)
  const clearing = await trx
    .selectFrom('ledger_lines')
    .select((eb) => eb.fn.sum<number>(eb(eb.ref('debit'), '-', eb.ref('credit'))).as('b'))
    .where('upt_id', '=', kediri)
    .where('account', '=', 'clearing:stripe')
    .where('month', '=', kediriBefore)
    .executeTakeFirstOrThrow()
  await postPayout(trx, {
    reference: 'demo:po_kediri_1',
    uptId: kediri,
    provider: 'stripe',
    amount: Number(clearing.b),
    at: `${monthShift(thisMonth(sellers[1]!), -1)}-02T02:00:00.000Z`,
  })
  await trx
    .insertInto('pnbp_targets')
    .values([
      { id: newId(), upt_id: bangli, year: Number(year), amount: 6_000_000, updated_at: nowIso(now) },
      { id: newId(), upt_id: kediri, year: Number(year), amount: 1_500_000, updated_at: nowIso(now) },
    ])
    .execute()
}
