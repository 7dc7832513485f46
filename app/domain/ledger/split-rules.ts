import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import type { SplitBase, SplitRule, SplitScope } from '#db/schema.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { type Shares, sharesValid } from './split.ts'

const SPECIFICITY: Record<SplitScope, number> = { national: 0, upt: 1, program: 2, agreement: 3 }

/**
 * The rule in force on `date` for a sale of `uptId`: the most specific scope that has a rule
 * effective on or before that date wins (agreement > program > UPT > national default); within a
 * scope the latest effective date, then the latest version of that rule. Agreement and program
 * rules count only when they were written for the selling UPT: a rule another UPT's finance wrote
 * naming this UPT's agreement or program never applies here.
 */
export async function resolveSplitRule(
  db: DB,
  q: { uptId: string; programId: string | null; agreementId: string | null; date: string },
): Promise<SplitRule | undefined> {
  const rows = await db
    .selectFrom('split_rules')
    .selectAll()
    .where('effective_from', '<=', q.date)
    .where((eb) =>
      eb.or([
        eb('scope', '=', 'national'),
        eb.and([eb('scope', '=', 'upt'), eb('upt_id', '=', q.uptId)]),
        ...(q.programId
          ? [eb.and([eb('scope', '=', 'program'), eb('upt_id', '=', q.uptId), eb('program_id', '=', q.programId)])]
          : []),
        ...(q.agreementId
          ? [
              eb.and([
                eb('scope', '=', 'agreement'),
                eb('upt_id', '=', q.uptId),
                eb('agreement_id', '=', q.agreementId),
              ]),
            ]
          : []),
      ]),
    )
    .execute()
  rows.sort(
    (a, b) =>
      SPECIFICITY[b.scope] - SPECIFICITY[a.scope] ||
      b.effective_from.localeCompare(a.effective_from) ||
      b.version - a.version,
  )
  return rows[0]
}

export interface SplitRuleInput {
  /** Existing rule to edit (a new version is appended); omitted for a new rule. */
  ruleKey?: string
  scope: SplitScope
  uptId: string | null
  programId: string | null
  agreementId: string | null
  base: SplitBase
  shares: Shares
  effectiveFrom: string
  note?: string | null
  actorUserId: string | null
}

/**
 * Appends a rule, or a new version of one: history is never changed. Every id is resolved inside
 * the rule's UPT (the caller has checked the user may write rules for that UPT): the UPT exists,
 * a program or agreement rule names a program or agreement of that UPT, and a new version keeps
 * its rule's scope and UPT. Anything else is "not found" and nothing is written.
 */
export async function saveSplitRule(db: DB, input: SplitRuleInput): Promise<SplitRule> {
  return inTransaction(db, async (trx) => {
    if (!sharesValid(input.shares)) throw new DomainError('pnbp.sharesNot100', 'pnbp')
    if (input.scope !== 'national' && !input.uptId) throw new DomainError('field.required', 'uptId')
    if (input.scope === 'program' && !input.programId) throw new DomainError('field.required', 'programId')
    if (input.scope === 'agreement' && !input.agreementId) throw new DomainError('field.required', 'agreementId')
    const uptId = input.scope === 'national' ? null : input.uptId!
    if (uptId && !(await trx.selectFrom('upts').select('id').where('id', '=', uptId).executeTakeFirst()))
      throw new NotFoundError('upt', 'uptId', 'field.invalid')
    if (
      input.scope === 'program' &&
      !(await trx
        .selectFrom('programs')
        .select('id')
        .where('id', '=', input.programId!)
        .where('upt_id', '=', uptId!)
        .executeTakeFirst())
    ) {
      throw new NotFoundError('program', 'programId', 'rules.programNotInUpt')
    }
    if (
      input.scope === 'agreement' &&
      !(await trx
        .selectFrom('agreements')
        .select('id')
        .where('id', '=', input.agreementId!)
        .where('upt_id', '=', uptId!)
        .executeTakeFirst())
    ) {
      throw new NotFoundError('agreement', 'agreementId', 'rules.agreementNotInUpt')
    }
    let version = 1
    const ruleKey = input.ruleKey ?? newId()
    if (input.ruleKey) {
      const last = await trx
        .selectFrom('split_rules')
        .select(['version', 'scope', 'upt_id'])
        .where('rule_key', '=', input.ruleKey)
        .orderBy('version', 'desc')
        .executeTakeFirst()
      if (!last || last.scope !== input.scope || last.upt_id !== uptId)
        throw new NotFoundError('split rule', undefined, 'rules.ruleNotInScope')
      version = last.version + 1
    }
    const row: SplitRule = {
      id: newId(),
      rule_key: ruleKey,
      version,
      scope: input.scope,
      upt_id: uptId,
      program_id: input.scope === 'program' ? input.programId : null,
      agreement_id: input.scope === 'agreement' ? input.agreementId : null,
      base: input.base,
      pnbp_bp: input.shares.pnbp,
      premi_bp: input.shares.premi,
      production_bp: input.shares.production,
      partner_bp: input.shares.partner,
      operations_bp: input.shares.operations,
      effective_from: input.effectiveFrom,
      note: input.note ?? null,
      created_at: nowIso(),
      created_by: input.actorUserId,
    }
    await trx.insertInto('split_rules').values(row).execute()
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: `pnbp.rule.${version === 1 ? 'create' : 'version'}`,
      targetType: 'split_rule',
      targetId: row.id,
      details: {
        ruleKey,
        version,
        scope: row.scope,
        uptId: row.upt_id,
        shares: input.shares,
        base: input.base,
        effectiveFrom: input.effectiveFrom,
      },
    })
    return row
  })
}

/** Rules visible to a UPT's finance (national defaults and its own), newest first; all for national. */
export async function listSplitRules(db: DB, uptId: string | null) {
  let q = db
    .selectFrom('split_rules as r')
    .leftJoin('upts as u', 'u.id', 'r.upt_id')
    .selectAll('r')
    .select('u.name as upt_name')
    .orderBy('r.scope')
    .orderBy('u.name')
    .orderBy('r.effective_from', 'desc')
    .orderBy('r.version', 'desc')
  if (uptId) q = q.where((eb) => eb.or([eb('r.scope', '=', 'national'), eb('r.upt_id', '=', uptId)]))
  return q.execute()
}

/**
 * The national default every deployment starts with, so no payment is ever received without a
 * rule in force: 50% premi, 15% PNBP, 35% production capital of gross sales — the split most
 * UPTs report under Kepmen Kehakiman M.01-PP.02.01/1990 (docs/domain.md, section 4). National finance edits it
 * at /finance/rules (a new version). Written once: a database with any national rule is left alone.
 */
export async function ensureNationalSplitRule(db: DB): Promise<SplitRule | null> {
  const any = await db
    .selectFrom('split_rules')
    .select('id')
    .where('scope', '=', 'national')
    .limit(1)
    .executeTakeFirst()
  if (any) return null
  return saveSplitRule(db, {
    scope: 'national',
    uptId: null,
    programId: null,
    agreementId: null,
    base: 'sales',
    shares: { premi: 5000, pnbp: 1500, production: 3500, partner: 0, operations: 0 },
    effectiveFrom: '2017-01-01',
    note: 'Bawaan nasional: Pangkalan Bun, Tenggarong, Tangerang 50/15/35',
    actorUserId: null,
  })
}
