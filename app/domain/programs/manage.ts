import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { KIND_UNIT } from '#app/domain/offers/terms.ts'
import { newId, slugify } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { needRules } from './need-rules.ts'
import type { NeedInput, ProgramInput } from './schemas.ts'

async function uniqueSlug(db: DB, title: string, uptSlug: string) {
  const base = slugify(`${title} ${uptSlug}`).slice(0, 70) || 'program'
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`
    if (!(await db.selectFrom('programs').select('id').where('slug', '=', slug).executeTakeFirst())) return slug
  }
}

async function assertSector(db: DB, id: string) {
  if (!(await db.selectFrom('sectors').select('id').where('id', '=', id).executeTakeFirst()))
    throw new DomainError('field.invalid', 'sectorId')
}

export async function createProgram(
  db: DB,
  uptId: string,
  v: ProgramInput,
  actor: { userId: string; ip?: string | null },
) {
  await assertSector(db, v.sectorId)
  return inTransaction(db, async (trx) => {
    const upt = await trx.selectFrom('upts').select(['id', 'slug']).where('id', '=', uptId).executeTakeFirst()
    if (!upt) throw new NotFoundError('upt')
    const now = nowIso()
    const id = newId()
    const slug = await uniqueSlug(trx, v.title, upt.slug)
    await trx
      .insertInto('programs')
      .values({
        id,
        slug,
        upt_id: uptId,
        sector_id: v.sectorId,
        title: v.title,
        description: v.description,
        participants: v.participants,
        eligibility_rule: v.eligibilityRule || null,
        schedule: v.schedule || null,
        status: v.status,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'program.created',
      targetType: 'program',
      targetId: id,
      ip: actor.ip,
    })
    return { id, slug }
  })
}

export async function updateProgram(
  db: DB,
  uptId: string,
  programId: string,
  v: ProgramInput,
  actor: { userId: string; ip?: string | null },
) {
  await assertSector(db, v.sectorId)
  await inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable('programs')
      .set({
        sector_id: v.sectorId,
        title: v.title,
        description: v.description,
        participants: v.participants,
        eligibility_rule: v.eligibilityRule || null,
        schedule: v.schedule || null,
        status: v.status,
        updated_at: nowIso(),
      })
      .where('id', '=', programId)
      .where('upt_id', '=', uptId)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError('program')
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'program.updated',
      targetType: 'program',
      targetId: programId,
      ip: actor.ip,
    })
  })
}

/**
 * Adds a need to a program of the UPT. Refused, nothing written: a date before the UPT's local
 * today (`program.neededByPast`), a kind the UPT may not receive (the LPKA floor, its security
 * level on `today`, its type: `needRules`). `today` defaults to the UPT's local date.
 */
export async function addNeed(
  db: DB,
  uptId: string,
  programId: string,
  v: NeedInput,
  actor: { userId: string; ip?: string | null },
  today?: string,
) {
  return inTransaction(db, async (trx) => {
    const p = await trx
      .selectFrom('programs')
      .select('id')
      .where('id', '=', programId)
      .where('upt_id', '=', uptId)
      .executeTakeFirst()
    if (!p) throw new NotFoundError('program')
    const rules = await needRules(trx, uptId, today)
    if (!rules) throw new NotFoundError('upt')
    if (v.neededBy !== undefined && v.neededBy < rules.today) throw new DomainError('program.neededByPast', 'neededBy')
    const refusal = rules.kinds.find((k) => k.kind === v.kind)?.refusal
    if (refusal === 'program.lpkaFloor') throw new DomainError('program.lpkaFloor', 'kind')
    if (refusal) throw new DomainError('program.kindNotAllowed', 'kind')
    const id = newId()
    await trx
      .insertInto('program_needs')
      .values({
        id,
        program_id: programId,
        kind: v.kind,
        quantity: v.quantity,
        unit: KIND_UNIT[v.kind],
        needed_by: v.neededBy ?? null,
        note: v.note || null,
        created_at: nowIso(),
      })
      .execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'program.needAdded',
      targetType: 'program',
      targetId: programId,
      ip: actor.ip,
      details: { kind: v.kind, quantity: v.quantity },
    })
    return { id }
  })
}

/** Removes a need nobody has covered yet (covered needs belong to agreements). */
export async function removeNeed(db: DB, uptId: string, needId: string, actor: { userId: string; ip?: string | null }) {
  await inTransaction(db, async (trx) => {
    const n = await trx
      .selectFrom('program_needs as n')
      .innerJoin('programs as p', 'p.id', 'n.program_id')
      .select(['n.id', 'n.quantity_covered', 'n.program_id'])
      .where('n.id', '=', needId)
      .where('p.upt_id', '=', uptId)
      .executeTakeFirst()
    if (!n) throw new NotFoundError('need')
    if (n.quantity_covered > 0) throw new DomainError('program.needCovered')
    await trx.deleteFrom('program_needs').where('id', '=', needId).execute()
    await audit(trx, {
      actorUserId: actor.userId,
      action: 'program.needRemoved',
      targetType: 'program',
      targetId: n.program_id,
      ip: actor.ip,
    })
  })
}
