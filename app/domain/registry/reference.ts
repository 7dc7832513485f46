import type { DB } from '#db/client.ts'

export async function listSectors(db: DB) {
  return db.selectFrom('sectors').select(['id', 'name_id', 'name_en']).orderBy('sort').orderBy('id').execute()
}

export async function listProvinces(db: DB) {
  return db.selectFrom('provinces').select(['id', 'name', 'kanwil_id']).orderBy('name').execute()
}

/** Kanwil by name: all of them, or only the one an admin is limited to. */
export async function listKanwils(db: DB, kanwilId?: string | null) {
  let q = db.selectFrom('kanwils').select(['id', 'name']).orderBy('name')
  if (kanwilId) q = q.where('id', '=', kanwilId)
  return q.execute()
}

export async function kanwilName(db: DB, kanwilId: string): Promise<string | null> {
  return (await db.selectFrom('kanwils').select('name').where('id', '=', kanwilId).executeTakeFirst())?.name ?? null
}

/** Every Kanwil, province and UPT by name, with what each belongs to (the filters of /impact). */
export async function listPlaces(db: DB) {
  const [kanwils, provinces, upts] = await Promise.all([
    listKanwils(db),
    listProvinces(db),
    db.selectFrom('upts').select(['id', 'name', 'kanwil_id', 'province_id']).orderBy('name').execute(),
  ])
  return { kanwils, provinces, upts }
}
