import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { nowIso } from '../../app/utils/time.ts'
import { DEMO_PRODUCTS } from './demo-market.ts'

const BANKS = ['Bank Rakyat Indonesia', 'Bank Negara Indonesia', 'Bank Mandiri', 'Bank Syariah Indonesia']

/** Every UPT that sells in the demo gets a (fictional) receiving account, so bank transfer works out of the box. */
export async function seedPaymentsDemo(db: Kysely<Database>) {
  const slugs = [...new Set(DEMO_PRODUCTS.map((p) => p.upt))]
  const upts = await db.selectFrom('upts').select(['id', 'slug', 'name']).where('slug', 'in', slugs).orderBy('slug').execute()
  let i = 0
  for (const u of upts) {
    i++
    await db
      .insertInto('upt_bank_accounts')
      .values({
        upt_id: u.id,
        bank_name: BANKS[i % BANKS.length]!,
        account_number: `00${String(7_310_000_000 + i * 1_234_567)}`,
        account_holder: `BPN 0${String(40 + i)} ${u.name}`.slice(0, 120),
        updated_by: null,
        updated_at: nowIso(),
      })
      .onConflict((oc) => oc.column('upt_id').doNothing())
      .execute()
  }
}
