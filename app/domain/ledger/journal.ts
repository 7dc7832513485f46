import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { ACCOUNTS, type Account } from './chart.ts'

export const JOURNAL_PAGE_SIZE = 25

/**
 * Trial balance of one UPT at the end of a month: per account, the debits and credits of every
 * line up to that month and the balance on the account's normal side (assets and expenses
 * debit-normal, the rest credit-normal). Debits and credits are equal by construction.
 */
export async function trialBalance(db: DB, input: { uptId: string; month: string }) {
  const rows = await db
    .selectFrom('ledger_lines')
    .select(['account', sql<number>`sum(debit)`.as('debit'), sql<number>`sum(credit)`.as('credit')])
    .where('upt_id', '=', input.uptId)
    .where('month', '<=', input.month)
    .groupBy('account')
    .execute()
  const byAccount = new Map(rows.map((r) => [r.account, r]))
  const accounts = (Object.keys(ACCOUNTS) as Account[]).map((account) => {
    const r = byAccount.get(account)
    const debit = Number(r?.debit ?? 0)
    const credit = Number(r?.credit ?? 0)
    const debitNormal = ACCOUNTS[account].type === 'asset' || ACCOUNTS[account].type === 'expense'
    return { account, debit, credit, balance: debitNormal ? debit - credit : credit - debit }
  })
  return {
    accounts: accounts.filter((a) => a.debit !== 0 || a.credit !== 0),
    totalDebit: accounts.reduce((s, a) => s + a.debit, 0),
    totalCredit: accounts.reduce((s, a) => s + a.credit, 0),
  }
}

/** One month of a UPT's journal, newest first, each entry with its lines. */
export async function journal(db: DB, input: { uptId: string; month: string; page: number }) {
  const base = db.selectFrom('ledger_entries').where('upt_id', '=', input.uptId).where('month', '=', input.month)
  const [entries, count] = await Promise.all([
    base
      .select(['id', 'reference', 'kind', 'provider', 'amount', 'day', 'occurred_at', 'source_type', 'source_id'])
      .orderBy('day', 'desc')
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(JOURNAL_PAGE_SIZE)
      .offset((input.page - 1) * JOURNAL_PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const lines = entries.length
    ? await db
        .selectFrom('ledger_lines')
        .select(['entry_id', 'account', 'debit', 'credit'])
        .where(
          'entry_id',
          'in',
          entries.map((e) => e.id),
        )
        .orderBy('debit', 'desc')
        .orderBy('account')
        .execute()
    : []
  return {
    total: Number(count.n),
    entries: entries.map((e) => ({
      ...e,
      lines: lines.filter((l) => l.entry_id === e.id).map(({ account, debit, credit }) => ({ account, debit, credit })),
    })),
  }
}

/** Every line of a UPT's journal in a month, in journal order (the CSV export). */
export async function journalLines(db: DB, input: { uptId: string; month: string }) {
  return db
    .selectFrom('ledger_lines as l')
    .innerJoin('ledger_entries as e', 'e.id', 'l.entry_id')
    .select(['e.day', 'e.reference', 'e.kind', 'e.provider', 'l.account', 'l.debit', 'l.credit'])
    .where('e.upt_id', '=', input.uptId)
    .where('e.month', '=', input.month)
    .orderBy('e.day')
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .orderBy('l.debit', 'desc')
    .orderBy('l.account')
    .execute()
}
