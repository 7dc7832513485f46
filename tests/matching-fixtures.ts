/** Rows for matching tests: a training offer, a program with a need, a security level. */
import type { DB } from '#db/client.ts'
import type { SecurityLevel, SupportKindName } from '#db/schema.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { acceptProposal, propose } from '#app/domain/agreements/lifecycle.ts'
import { createPartner, createUser } from '#tests/factories.ts'

let seq = 0

export async function createOffer(
  db: DB,
  partnerId: string,
  o: {
    kind?: SupportKindName
    sectors?: string[]
    provinces?: string[]
    national?: boolean
    capacity?: number
    status?: 'open' | 'draft' | 'closed'
    validUntil?: string
    levels?: SecurityLevel[]
  } = {},
) {
  seq++
  const id = newId()
  const now = nowIso()
  const capacity = o.capacity ?? 10
  await db
    .insertInto('offers')
    .values({
      id,
      partner_id: partnerId,
      kind: o.kind ?? 'training',
      title: `Pelatihan uji ${seq}`,
      description: null,
      terms: JSON.stringify({ kind: 'training', seats: capacity, hours: 40 }),
      status: o.status ?? 'open',
      national: o.national ? 1 : 0,
      valid_from: '2026-01-01',
      valid_until: o.validUntil ?? '2027-12-31',
      unit: 'seats',
      capacity_total: capacity,
      capacity_remaining: capacity,
      created_by: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute()
  for (const s of new Set(o.sectors ?? ['tenun']))
    await db.insertInto('offer_sectors').values({ offer_id: id, sector_id: s }).execute()
  if (!o.national)
    for (const p of o.provinces ?? ['35'])
      await db.insertInto('offer_provinces').values({ offer_id: id, province_id: p }).execute()
  for (const l of o.levels ?? [])
    await db.insertInto('offer_security_levels').values({ offer_id: id, security_level: l }).execute()
  return { id }
}

export async function createProgramWithNeed(
  db: DB,
  uptId: string,
  o: {
    sector?: string
    kind?: SupportKindName
    quantity?: number
    neededBy?: string | null
    status?: 'active' | 'draft'
  } = {},
) {
  seq++
  const programId = newId()
  const now = nowIso()
  await db
    .insertInto('programs')
    .values({
      id: programId,
      slug: `program-uji-${seq}-${programId.slice(-6)}`,
      upt_id: uptId,
      sector_id: o.sector ?? 'tenun',
      title: `Program uji ${seq}`,
      description: 'Program pelatihan untuk pengujian.',
      participants: 20,
      eligibility_rule: null,
      schedule: null,
      status: o.status ?? 'active',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  const needId = newId()
  await db
    .insertInto('program_needs')
    .values({
      id: needId,
      program_id: programId,
      kind: o.kind ?? 'training',
      quantity: o.quantity ?? 10,
      unit: 'seats',
      needed_by: o.neededBy === undefined ? '2027-01-15' : o.neededBy,
      note: null,
      created_at: now,
    })
    .execute()
  return { programId, needId }
}

export async function setSecurityLevel(db: DB, uptId: string, level: SecurityLevel, effectiveFrom = '2020-01-01') {
  await db
    .insertInto('upt_status_history')
    .values({
      id: newId(),
      upt_id: uptId,
      class: 'IIA',
      security_level: level,
      effective_from: effectiveFrom,
      note: null,
      created_at: nowIso(),
      created_by: null,
    })
    .execute()
}

/**
 * An active agreement at `uptId` (proposed by the partner, accepted by the UPT's staff) through
 * the domain, as the pages make one. Absorption agreements get the given terms.
 */
export async function activeAgreement(
  db: DB,
  o: {
    uptId: string
    partnerId?: string
    kind?: 'training' | 'absorption' | 'publication'
    sector?: string
    terms?: Record<string, unknown>
    today?: string
  },
) {
  const today = o.today ?? '2026-11-28'
  const kind = o.kind ?? 'training'
  const sector = o.sector ?? 'tenun'
  const partnerId = o.partnerId ?? (await createPartner(db)).id
  const offer = await createOffer(db, partnerId, { kind, sectors: [sector], provinces: ['35', '51'], capacity: 50 })
  if (o.terms)
    await db
      .updateTable('offers')
      .set({
        unit: kind === 'absorption' ? 'units_per_month' : kind === 'publication' ? 'publications' : 'seats',
        terms: JSON.stringify(o.terms),
      })
      .where('id', '=', offer.id)
      .execute()
  const { programId, needId } = await createProgramWithNeed(db, o.uptId, { kind, sector, quantity: 5 })
  const partnerUser = await createUser(db, { role: 'partner_member', partnerId })
  const staff = await createUser(db, { role: 'upt_staff', uptId: o.uptId })
  const p = await propose(
    db,
    { offerId: offer.id, needId, quantity: 5, side: 'partner', actingFor: partnerId },
    { userId: partnerUser.id },
    today,
  )
  const a = await acceptProposal(
    db,
    p.id,
    'upt',
    {
      terms: 'Kerja sama uji lima unit per bulan',
      startDate: '2026-12-01',
      endDate: '2027-03-01',
      pksNumber: '',
      pksDocumentUrl: '',
    },
    { userId: staff.id },
    today,
  )
  return { id: a.id, offerId: offer.id, programId, needId, partnerId, partnerUser, staff }
}
