import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'
import { parse } from 'csv-parse/sync'
import type { DB } from '../client.ts'
import type { SecurityLevel, UptType } from '../schema.ts'
import { PROVINCES, SECTORS, kanwilIdFor } from './reference-data.ts'
import { newId, slugify } from '../../app/lib/ids.ts'
import { nowIso } from '../../app/lib/time.ts'

const here = path.dirname(url.fileURLToPath(import.meta.url))

interface UptRow {
  name: string
  type: UptType
  class: string
  province: string
  city: string
  security_level: string
  note: string
}

export function readUptReference(): UptRow[] {
  const text = fs.readFileSync(path.join(here, 'data/upt-reference.csv'), 'utf8')
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as UptRow[]
}

/** The date from which the reference list's class and security level are recorded. */
export const REFERENCE_EFFECTIVE_FROM = '2020-01-01'

/** Provinces, Kanwil, sectors and the real UPT list. Safe to run again: existing rows are kept. */
export async function seedReference(db: DB): Promise<{ upts: number }> {
  await db.transaction().execute(async (trx) => {
    for (const p of PROVINCES) {
      await trx
        .insertInto('provinces')
        .values({
          id: p.id,
          name: p.name,
          island_group: p.islandGroup,
          timezone: p.timezone,
          kanwil_id: kanwilIdFor(p.id),
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    // One Kanwil per seat province; provinces split off later are served by their parent's Kanwil.
    for (const p of PROVINCES.filter((x) => x.kanwilProvinceId === x.id)) {
      await trx
        .insertInto('kanwils')
        .values({ id: `kanwil-${p.id}`, name: `Kanwil Ditjenpas ${p.name}`, province_id: p.id })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    for (const [i, s] of SECTORS.entries()) {
      await trx
        .insertInto('sectors')
        .values({ id: s.id, name_id: s.nameId, name_en: s.nameEn, sort: i })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    const byName = new Map(PROVINCES.map((p) => [p.name, p]))
    for (const row of readUptReference()) {
      const province = byName.get(row.province)
      if (!province) throw new Error(`UPT reference: unknown province "${row.province}" for ${row.name}`)
      const slug = slugify(row.name)
      const exists = await trx.selectFrom('upts').select('id').where('slug', '=', slug).executeTakeFirst()
      if (exists) continue
      const id = newId()
      await trx
        .insertInto('upts')
        .values({
          id,
          slug,
          name: row.name,
          type: row.type,
          province_id: province.id,
          kanwil_id: kanwilIdFor(province.id),
          city: row.city,
          timezone: null,
          note: row.note || null,
          created_at: nowIso(),
        })
        .execute()
      await trx
        .insertInto('upt_status_history')
        .values({
          id: newId(),
          upt_id: id,
          class: row.class || null,
          security_level: (row.security_level || null) as SecurityLevel | null,
          effective_from: REFERENCE_EFFECTIVE_FROM,
          note: 'Data rujukan / reference list',
          created_at: nowIso(),
          created_by: null,
        })
        .execute()
    }
  })
  const count = await db
    .selectFrom('upts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { upts: Number(count.n) }
}
