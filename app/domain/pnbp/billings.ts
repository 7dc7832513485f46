import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { PnbpBilling } from '#db/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { postPnbpDeposit } from '#app/domain/ledger/postings.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { getSettings } from './settings.ts'

export const KODE_BILLING = /^\d{15}$/
export const KODE_AKUN = /^\d{6}$/
export const NTPN = /^[A-Z0-9]{16}$/
/** An NTPN as a person may type it: 16 ASCII letters (either case) or digits. */
export const NTPN_TYPED = /^[A-Za-z0-9]{16}$/
export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/
export const DATE = /^\d{4}-\d{2}-\d{2}$/

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export interface BillingInput {
  uptId: string
  kodeBilling: string
  billingDate: string
  expiresOn?: string | null
  amount: number
  kodeAkun?: string | null
  period: string
  actorUserId: string | null
  ip?: string | null
}

/** Records a SIMPONI billing (in its own transaction, or the caller's). */
export async function createBilling(db: DB, input: BillingInput): Promise<PnbpBilling> {
  return inTransaction(db, async (trx) => {
    const settings = await getSettings(trx)
    if (!KODE_BILLING.test(input.kodeBilling)) throw new DomainError('pnbp.kodeBilling15', 'kodeBilling')
    const kodeAkun = input.kodeAkun || settings.kodeAkunDefault
    if (!KODE_AKUN.test(kodeAkun)) throw new DomainError('pnbp.kodeAkun6', 'kodeAkun')
    if (!PERIOD.test(input.period)) throw new DomainError('field.invalid', 'period')
    if (!DATE.test(input.billingDate)) throw new DomainError('field.invalid', 'billingDate')
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new DomainError('ledger.badAmount', 'amount')
    const expiresOn = input.expiresOn || addDays(input.billingDate, settings.billingExpiryDays)
    if (!DATE.test(expiresOn) || expiresOn < input.billingDate)
      throw new DomainError('pnbp.expiryBeforeBilling', 'expiresOn')
    const taken = await trx
      .selectFrom('pnbp_billings')
      .select('id')
      .where('kode_billing', '=', input.kodeBilling)
      .executeTakeFirst()
    if (taken) throw new DomainError('pnbp.kodeBillingTaken', 'kodeBilling')
    const row: PnbpBilling = {
      id: newId(),
      upt_id: input.uptId,
      kode_billing: input.kodeBilling,
      billing_date: input.billingDate,
      expires_on: expiresOn,
      amount: input.amount,
      kode_akun: kodeAkun,
      period: input.period,
      created_at: nowIso(),
      created_by: input.actorUserId,
    }
    await trx.insertInto('pnbp_billings').values(row).execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'pnbp.billing.create',
      targetType: 'pnbp_billing',
      targetId: row.id,
      ip: input.ip,
      details: { kodeBilling: row.kode_billing, amount: row.amount, period: row.period },
    })
    return row
  })
}

export interface PaymentInput {
  billingId: string
  uptId: string
  ntpn: string
  ntb: string
  paidDate: string
  channel: string
  actorUserId: string | null
  ip?: string | null
}

/**
 * Records the SIMPONI payment of a billing (its NTPN) and posts the PNBP deposit to the ledger.
 * An expired billing cannot be paid: a new billing must be made. One transaction (or the caller's).
 */
export async function payBilling(db: DB, input: PaymentInput) {
  return inTransaction(db, async (trx) => {
    // Checked as typed, then upper-cased: upper-casing first would turn `ß` into `SS` (or `ı` into
    // `I`) and let a 15-character or non-ASCII entry pass as a 16-character NTPN.
    const typed = input.ntpn.trim()
    if (!NTPN_TYPED.test(typed)) throw new DomainError('pnbp.ntpn16', 'ntpn')
    const ntpn = typed.toUpperCase()
    if (!input.ntb.trim() || input.ntb.length > 40) throw new DomainError('field.required', 'ntb')
    if (!DATE.test(input.paidDate)) throw new DomainError('field.invalid', 'paidDate')
    if (!input.channel.trim()) throw new DomainError('field.required', 'channel')
    const billing = await trx
      .selectFrom('pnbp_billings')
      .selectAll()
      .where('id', '=', input.billingId)
      .where('upt_id', '=', input.uptId)
      .executeTakeFirst()
    if (!billing) throw new DomainError('error.notFound')
    const paid = await trx
      .selectFrom('pnbp_deposits')
      .select('id')
      .where('billing_id', '=', billing.id)
      .executeTakeFirst()
    if (paid) throw new DomainError('pnbp.billingAlreadyPaid')
    if (input.paidDate > billing.expires_on) throw new DomainError('pnbp.billingExpired', 'paidDate')
    if (input.paidDate < billing.billing_date) throw new DomainError('pnbp.paidBeforeBilling', 'paidDate')
    const dup = await trx.selectFrom('pnbp_deposits').select('id').where('ntpn', '=', ntpn).executeTakeFirst()
    if (dup) throw new DomainError('pnbp.ntpnTaken', 'ntpn')
    const id = newId()
    const { entry } = await postPnbpDeposit(trx, {
      reference: `ntpn:${ntpn}`,
      uptId: billing.upt_id,
      amount: billing.amount,
      paidDate: input.paidDate,
      period: billing.period,
      sourceId: id,
    })
    await trx
      .insertInto('pnbp_deposits')
      .values({
        id,
        billing_id: billing.id,
        upt_id: billing.upt_id,
        ntpn,
        ntb: input.ntb.trim(),
        paid_date: input.paidDate,
        channel: input.channel.trim(),
        amount: billing.amount,
        period: billing.period,
        entry_id: entry.id,
        created_at: nowIso(),
        created_by: input.actorUserId,
      })
      .execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'pnbp.deposit.record',
      targetType: 'pnbp_billing',
      targetId: billing.id,
      ip: input.ip,
      details: { ntpn, amount: billing.amount, period: billing.period },
    })
    return { id, ntpn, entryId: entry.id }
  })
}

export async function listBillings(db: DB, uptId: string, opts: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom('pnbp_billings as b')
    .leftJoin('pnbp_deposits as d', 'd.billing_id', 'b.id')
    .select([
      'b.id',
      'b.kode_billing',
      'b.billing_date',
      'b.expires_on',
      'b.amount',
      'b.kode_akun',
      'b.period',
      'd.ntpn',
      'd.ntb',
      'd.paid_date',
      'd.channel',
    ])
    .where('b.upt_id', '=', uptId)
    .orderBy('b.billing_date', 'desc')
    .orderBy('b.created_at', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute()
  const total = await db
    .selectFrom('pnbp_billings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('upt_id', '=', uptId)
    .executeTakeFirstOrThrow()
  return { rows, total: Number(total.n) }
}
