import type { DB } from '#db/client.ts'

export async function listSectors(db: DB) {
  return db.selectFrom('sectors').select(['id', 'name_id', 'name_en']).orderBy('sort').orderBy('id').execute()
}

export async function listProvinces(db: DB) {
  return db.selectFrom('provinces').select(['id', 'name', 'kanwil_id']).orderBy('name').execute()
}
