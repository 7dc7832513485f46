import { sql } from 'kysely'
import type { DB } from '#db/client.ts'

/** Net debit balance per (UPT, account) from the lines. */
export async function balances(db: DB, uptId?: string) {
  let q = db
    .selectFrom('ledger_lines')
    .select(['upt_id', 'account', sql<number>`sum(debit) - sum(credit)`.as('balance')])
    .groupBy(['upt_id', 'account'])
  if (uptId) q = q.where('upt_id', '=', uptId)
  const rows = await q.execute()
  return rows.map((r) => ({ ...r, balance: Number(r.balance) }))
}

/**
 * The ledger's invariants, as a list of problems (empty = healthy): every entry has lines that
 * balance, lines agree with their entry's UPT/kind/month, and all amounts are whole rupiah.
 */
export async function ledgerProblems(db: DB): Promise<string[]> {
  const problems: string[] = []
  const unbalanced = await db
    .selectFrom('ledger_entries as e')
    .leftJoin('ledger_lines as l', 'l.entry_id', 'e.id')
    .select([
      'e.reference',
      sql<number>`coalesce(sum(l.debit), 0)`.as('d'),
      sql<number>`coalesce(sum(l.credit), 0)`.as('c'),
      sql<number>`count(l.id)`.as('n'),
    ])
    .groupBy('e.id')
    .having((eb) =>
      eb.or([eb(sql`coalesce(sum(l.debit), 0)`, '<>', sql`coalesce(sum(l.credit), 0)`), eb(sql`count(l.id)`, '<', 2)]),
    )
    .execute()
  for (const u of unbalanced) problems.push(`entry ${u.reference} unbalanced: debit ${u.d} credit ${u.c} lines ${u.n}`)
  const mismatched = await db
    .selectFrom('ledger_lines as l')
    .innerJoin('ledger_entries as e', 'e.id', 'l.entry_id')
    .select(['e.reference'])
    .where((eb) =>
      eb.or([
        eb('l.upt_id', '<>', eb.ref('e.upt_id')),
        eb('l.kind', '<>', eb.ref('e.kind')),
        eb('l.month', '<>', eb.ref('e.month')),
      ]),
    )
    .execute()
  for (const m of mismatched) problems.push(`entry ${m.reference} has lines that disagree with it`)
  const fractional = await db
    .selectFrom('ledger_lines')
    .select('id')
    .where((eb) =>
      eb.or([eb(sql`debit`, '<>', sql`cast(debit as bigint)`), eb(sql`credit`, '<>', sql`cast(credit as bigint)`)]),
    )
    .execute()
  if (fractional.length) problems.push(`${fractional.length} lines with fractional rupiah`)
  return problems
}
