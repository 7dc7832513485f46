import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { MatchMethod } from '#db/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { PAYOUT_RETURN } from '#app/domain/ledger/postings.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { getSettings } from './settings.ts'

/** How far apart (days) a statement line and a ledger movement may be to match by amount. */
export const DATE_WINDOW_DAYS = 7
const MAX_SUM_CANDIDATES = 12

export interface Candidate {
  reference: string
  kind: 'payout' | 'payment' | 'deposit'
  /** Signed as the bank sees it: money in positive, deposits to the treasury negative. */
  amount: number
  day: string
  sourceId: string | null
}

export interface OpenLine {
  id: string
  date: string
  amount: number
  description: string
  reference: string | null
}

const dayDiff = (a: string, b: string) =>
  Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000

/**
 * The automatic part of the ladder for one line: exact reference, then amount + nearest date,
 * then a set of movements whose amounts sum exactly to the line. Tolerance and manual matches
 * need a person (a write-off reason or a comment).
 */
export function proposeMatch(
  line: OpenLine,
  candidates: Candidate[],
): { method: MatchMethod; targets: Candidate[] } | null {
  const sameSign = candidates.filter((c) => Math.sign(c.amount) === Math.sign(line.amount))
  const haystack = `${line.reference ?? ''} ${line.description}`.toUpperCase()
  const byRef = sameSign.find((c) => {
    const keys = [c.reference, c.reference.replace(/^[a-z]+:/i, ''), c.sourceId ?? ''].filter((k) => k.length >= 6)
    return keys.some((k) => haystack.includes(k.toUpperCase()))
  })
  if (byRef && byRef.amount === line.amount) return { method: 'reference', targets: [byRef] }
  const near = sameSign
    .filter((c) => c.amount === line.amount && dayDiff(c.day, line.date) <= DATE_WINDOW_DAYS)
    .sort((a, b) => dayDiff(a.day, line.date) - dayDiff(b.day, line.date) || a.day.localeCompare(b.day))
  if (near.length) return { method: 'amount_date', targets: [near[0]!] }
  const pool = sameSign
    .filter((c) => dayDiff(c.day, line.date) <= DATE_WINDOW_DAYS && Math.abs(c.amount) < Math.abs(line.amount))
    .sort((a, b) => dayDiff(a.day, line.date) - dayDiff(b.day, line.date))
    .slice(0, MAX_SUM_CANDIDATES)
  for (let mask = 1; mask < 1 << pool.length; mask++) {
    let sum = 0
    const picked: Candidate[] = []
    for (let i = 0; i < pool.length; i++) {
      if (mask & (1 << i)) {
        sum += pool[i]!.amount
        picked.push(pool[i]!)
      }
    }
    if (picked.length > 1 && sum === line.amount) return { method: 'sum', targets: picked }
  }
  return null
}

/** Match rows still in force (not undone by a reversal row). */
async function activeMatches(db: DB, uptId: string) {
  const rows = await db.selectFrom('reconciliation_matches').selectAll().where('upt_id', '=', uptId).execute()
  const reversed = new Set(rows.filter((r) => r.method === 'reversal').map((r) => r.reverses_id))
  return rows.filter((r) => r.method !== 'reversal' && !reversed.has(r.id))
}

export async function reconciliationState(db: DB, uptId: string) {
  const [lines, entries, active] = await Promise.all([
    db
      .selectFrom('bank_statement_lines')
      .select(['id', 'date', 'amount', 'description', 'reference'])
      .where('upt_id', '=', uptId)
      .orderBy('date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ledger_entries')
      .select(['reference', 'kind', 'amount', 'day', 'source_id', 'source_type', 'provider'])
      .where('upt_id', '=', uptId)
      // Statement lines are Stripe payouts, bank-transfer payments and deposits; the internal
      // "transfer received" movement is the same money as its payment, so it is not offered.
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'payout'), eb('provider', '=', 'stripe')]),
          eb('kind', '=', 'deposit'),
          eb.and([eb('kind', '=', 'payment'), eb('provider', '=', 'bank_transfer')]),
        ]),
      )
      .execute(),
    activeMatches(db, uptId),
  ])
  const matchedLines = new Map<string, typeof active>()
  for (const m of active) matchedLines.set(m.statement_line_id, [...(matchedLines.get(m.statement_line_id) ?? []), m])
  const usedRefs = new Set(active.map((m) => m.target_ref))
  const candidates: Candidate[] = entries.map((e) => ({
    reference: e.reference,
    kind: e.kind as Candidate['kind'],
    amount: e.kind === 'deposit' || e.source_type === PAYOUT_RETURN ? -e.amount : e.amount,
    day: e.day,
    sourceId: e.source_id,
  }))
  return {
    lines: lines.map((l) => ({ ...l, matches: matchedLines.get(l.id) ?? [] })),
    open: candidates.filter((c) => !usedRefs.has(c.reference)),
  }
}

async function writeMatch(
  trx: DB,
  uptId: string,
  lineId: string,
  method: MatchMethod,
  targets: Candidate[],
  comment: string | null,
  actorUserId: string | null,
) {
  for (const t of targets) {
    await trx
      .insertInto('reconciliation_matches')
      .values({
        id: newId(),
        upt_id: uptId,
        statement_line_id: lineId,
        target_type: t.kind,
        target_ref: t.reference,
        amount: t.amount,
        method,
        comment,
        reverses_id: null,
        created_at: nowIso(),
        created_by: actorUserId,
      })
      .execute()
  }
  await audit(trx, {
    actorUserId,
    action: 'pnbp.reconcile.match',
    targetType: 'bank_statement_line',
    targetId: lineId,
    details: { method, targets: targets.map((t) => t.reference), comment },
  })
}

/** Runs the automatic ladder over every unmatched line of a UPT, in one transaction. */
export async function autoReconcile(db: DB, uptId: string, actorUserId: string | null) {
  return inTransaction(db, async (trx) => {
    const state = await reconciliationState(trx, uptId)
    let open = state.open
    let matched = 0
    for (const line of state.lines.filter((l) => l.matches.length === 0)) {
      const proposal = proposeMatch(line, open)
      if (!proposal) continue
      await writeMatch(trx, uptId, line.id, proposal.method, proposal.targets, null, actorUserId)
      const used = new Set(proposal.targets.map((t) => t.reference))
      open = open.filter((c) => !used.has(c.reference))
      matched++
    }
    return { matched }
  })
}

/**
 * A person matches a line to movements. Equal sums are a manual match (comment required);
 * a difference within the tolerance needs a write-off reason; beyond it is refused.
 */
export async function matchManually(
  db: DB,
  input: { uptId: string; lineId: string; references: string[]; comment: string; actorUserId: string | null },
) {
  return inTransaction(db, async (trx) => {
    const comment = input.comment.trim()
    if (!comment) throw new DomainError('pnbp.commentRequired', 'comment')
    const state = await reconciliationState(trx, input.uptId)
    const line = state.lines.find((l) => l.id === input.lineId)
    if (!line) throw new DomainError('error.notFound')
    if (line.matches.length) throw new DomainError('pnbp.lineAlreadyMatched')
    const targets = input.references.map((r) => state.open.find((c) => c.reference === r))
    if (!targets.length || targets.some((t) => !t)) throw new DomainError('pnbp.targetUnavailable', 'references')
    const sum = targets.reduce((s, t) => s + t!.amount, 0)
    const diff = Math.abs(sum - line.amount)
    const { toleranceRupiah } = await getSettings(trx)
    if (diff > toleranceRupiah)
      throw new DomainError('pnbp.beyondTolerance', 'references', { tolerance: toleranceRupiah })
    await writeMatch(
      trx,
      input.uptId,
      line.id,
      diff === 0 ? 'manual' : 'tolerance',
      targets as Candidate[],
      comment,
      input.actorUserId,
    )
  })
}

/** Undoes a line's matches by appending reversal rows; nothing is deleted. */
export async function unmatch(
  db: DB,
  input: { uptId: string; lineId: string; comment: string; actorUserId: string | null },
) {
  return inTransaction(db, async (trx) => {
    const active = (await activeMatches(trx, input.uptId)).filter((m) => m.statement_line_id === input.lineId)
    if (!active.length) throw new DomainError('pnbp.lineNotMatched')
    for (const m of active) {
      await trx
        .insertInto('reconciliation_matches')
        .values({
          id: newId(),
          upt_id: input.uptId,
          statement_line_id: m.statement_line_id,
          target_type: m.target_type,
          target_ref: m.target_ref,
          amount: -m.amount,
          method: 'reversal',
          comment: input.comment.trim() || null,
          reverses_id: m.id,
          created_at: nowIso(),
          created_by: input.actorUserId,
        })
        .execute()
    }
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: 'pnbp.reconcile.unmatch',
      targetType: 'bank_statement_line',
      targetId: input.lineId,
      details: { reversed: active.map((m) => m.id) },
    })
  })
}

/** The matches in force among rows of some lines: neither a reversal nor reversed. */
function inForce<T extends { id: string; method: string; reverses_id: string | null }>(rows: T[]): T[] {
  const reversed = new Set(rows.filter((r) => r.method === 'reversal').map((r) => r.reverses_id))
  return rows.filter((r) => r.method !== 'reversal' && !reversed.has(r.id))
}

async function withMatches<L extends { id: string }>(db: DB, uptId: string, lines: L[]) {
  const rows = lines.length
    ? await db
        .selectFrom('reconciliation_matches')
        .selectAll()
        .where('upt_id', '=', uptId)
        .where(
          'statement_line_id',
          'in',
          lines.map((l) => l.id),
        )
        .orderBy('created_at')
        .execute()
    : []
  const active = inForce(rows)
  return lines.map((l) => ({ ...l, matches: active.filter((m) => m.statement_line_id === l.id) }))
}

/**
 * One page of a UPT's statement lines, newest first, each with its matches in force; the total
 * and the unmatched count are counted by the database, not by loading every line.
 */
export async function statementLinesPage(db: DB, uptId: string, opts: { limit: number; offset: number }) {
  const lines = db.selectFrom('bank_statement_lines as l').where('l.upt_id', '=', uptId)
  const [page, total, unmatched] = await Promise.all([
    lines
      .select(['l.id', 'l.date', 'l.amount', 'l.description', 'l.reference'])
      .orderBy('l.date', 'desc')
      .orderBy('l.id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    lines.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    lines
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('reconciliation_matches as m')
              .select('m.id')
              .whereRef('m.statement_line_id', '=', 'l.id')
              .where('m.method', '<>', 'reversal')
              .where((e) =>
                e.not(
                  e.exists(
                    e.selectFrom('reconciliation_matches as r').select('r.id').whereRef('r.reverses_id', '=', 'm.id'),
                  ),
                ),
              ),
          ),
        ),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { lines: await withMatches(db, uptId, page), total: Number(total.n), unmatched: Number(unmatched.n) }
}

/** One statement line of this UPT with its matches in force, or null (another UPT's id too). */
export async function statementLine(db: DB, uptId: string, lineId: string) {
  const line = await db
    .selectFrom('bank_statement_lines')
    .select(['id', 'date', 'amount', 'description', 'reference'])
    .where('upt_id', '=', uptId)
    .where('id', '=', lineId)
    .executeTakeFirst()
  return line ? (await withMatches(db, uptId, [line]))[0]! : null
}
