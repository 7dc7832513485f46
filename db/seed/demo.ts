import { LEGAL_VERSION } from '../../app/domain/content/legal.ts'
import type { DB } from '../client.ts'
import type { PartnerRole, Role } from '../schema.ts'
import { hashPassword } from '../../app/domain/identity/passwords.server.ts'
import { seal } from '../../app/domain/identity/secret-box.ts'
import { newId } from '../../app/lib/ids.ts'
import { nowIso } from '../../app/lib/time.ts'
import { seedMatchingDemo } from './demo-matching.ts'
import { seedStoriesDemo } from './demo-stories.ts'
import { seedPartnersDemo } from './demo-partners.ts'
import { seedMarketDemo } from './demo-market.ts'
import { seedPaymentsDemo } from './demo-payments.ts'
import { seedPayoutsDemo } from './demo-payouts.ts'
import { seedPnbpDemo } from './demo-pnbp.ts'

export const DEMO_PASSWORD = 'Mitra-Lipas-2026'
/** Base32 secret for the demo admin and finance accounts: add it to any authenticator app. */
export const DEMO_TOTP_SECRET = 'MITRALIPASDEMOTOTPSECRET'

export interface DemoAccount {
  email: string
  name: string
  role: Role
  label: string
  uptSlug?: string
  kanwilProvinceId?: string
  partnerSlug?: string
  partnerRole?: PartnerRole
  totp?: boolean
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@mitralipas.demo', name: 'Admin Nasional', role: 'admin', label: 'Admin nasional (TOTP)', totp: true },
  {
    email: 'kanwil.jateng@mitralipas.demo',
    name: 'Admin Kanwil Jawa Tengah',
    role: 'admin',
    label: 'Admin Kanwil Jawa Tengah (TOTP)',
    kanwilProvinceId: '33',
    totp: true,
  },
  {
    email: 'staf.kediri@mitralipas.demo',
    name: 'Sri Wahyuni',
    role: 'upt_staff',
    label: 'Petugas Lapas Kediri',
    uptSlug: 'lapas-kelas-iia-kediri',
  },
  {
    email: 'staf.bangli@mitralipas.demo',
    name: 'I Made Suarta',
    role: 'upt_staff',
    label: 'Petugas Lapas Bangli',
    uptSlug: 'lapas-narkotika-kelas-iia-bangli',
  },
  {
    email: 'keuangan.bangli@mitralipas.demo',
    name: 'Ni Luh Sari',
    role: 'finance',
    label: 'Keuangan Lapas Bangli (TOTP)',
    uptSlug: 'lapas-narkotika-kelas-iia-bangli',
    totp: true,
  },
  {
    email: 'keuangan.kediri@mitralipas.demo',
    name: 'Agus Prasetyo',
    role: 'finance',
    label: 'Keuangan Lapas Kediri (TOTP)',
    uptSlug: 'lapas-kelas-iia-kediri',
    totp: true,
  },
  {
    email: 'keuangan@mitralipas.demo',
    name: 'Keuangan Nasional',
    role: 'finance',
    label: 'Keuangan nasional (TOTP)',
    totp: true,
  },
  {
    email: 'mitra@mitralipas.demo',
    name: 'Budi Santoso',
    role: 'partner_member',
    label: 'Mitra: Tenun Nusantara (pemilik)',
    partnerSlug: 'tenun-nusantara',
    partnerRole: 'owner',
  },
  { email: 'pembeli@mitralipas.demo', name: 'Dewi Lestari', role: 'buyer', label: 'Pembeli' },
]

export const DEMO_PARTNERS = [
  {
    slug: 'tenun-nusantara',
    name: 'Tenun Nusantara',
    org_type: 'company' as const,
    status: 'verified' as const,
    contact_email: 'mitra@mitralipas.demo',
    contact_phone: '081234567890',
    description: 'Usaha tenun yang menampung kain hasil pelatihan di Lapas Kediri.',
  },
]

/**
 * Demo partners and one account per role. Runs only on a database with no users. `now` is the
 * moment the seed runs (tests inject it): nothing is dated after it.
 */
export async function seedDemo(db: DB, encryptionKey: Buffer, at: Date = new Date()): Promise<boolean> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyUser) return false
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.transaction().execute(async (trx) => {
    const now = nowIso(at)
    const partnerIds = new Map<string, string>()
    for (const p of DEMO_PARTNERS) {
      const id = newId()
      partnerIds.set(p.slug, id)
      await trx
        .insertInto('partners')
        .values({ id, ...p, created_at: now, updated_at: now })
        .execute()
    }
    await seedPartnersDemo(trx, now, partnerIds)
    for (const a of DEMO_ACCOUNTS) {
      const userId = newId()
      await trx
        .insertInto('users')
        .values({
          id: userId,
          email: a.email,
          name: a.name,
          password_hash: passwordHash,
          totp_secret_enc: a.totp ? seal(DEMO_TOTP_SECRET, encryptionKey) : null,
          totp_enabled_at: a.totp ? now : null,
          locale: 'id',
          created_at: now,
          updated_at: now,
          disabled_at: null,
          // Demo accounts are confirmed and have accepted the current terms (ADR 033).
          email_verified_at: now,
          terms_version: LEGAL_VERSION,
          terms_accepted_at: now,
        })
        .execute()
      const upt = a.uptSlug
        ? await trx.selectFrom('upts').select('id').where('slug', '=', a.uptSlug).executeTakeFirstOrThrow()
        : null
      await trx
        .insertInto('role_assignments')
        .values({
          id: newId(),
          user_id: userId,
          role: a.role,
          kanwil_id: a.kanwilProvinceId ? `kanwil-${a.kanwilProvinceId}` : null,
          upt_id: upt?.id ?? null,
          partner_id: a.partnerSlug ? partnerIds.get(a.partnerSlug)! : null,
          partner_role: a.partnerRole ?? null,
          created_at: now,
          created_by: null,
          revoked_at: null,
        })
        .execute()
    }
    const buyer = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'pembeli@mitralipas.demo')
      .executeTakeFirst()
    await seedMarketDemo(trx, buyer?.id ?? null, at)
  })
  // Agreements before split rules: a rule may name only an agreement of its own UPT that exists.
  await seedMatchingDemo(db, at)
  await db.transaction().execute(async (trx) => {
    // Split rules first: the demo's paid orders are posted to the ledger by seedPaymentsDemo.
    await seedPnbpDemo(trx, at)
    await seedPaymentsDemo(trx, at)
    await seedPayoutsDemo(trx, at)
  })
  // Stories store their photos through the upload pipeline, outside any transaction (ADR 025).
  await seedStoriesDemo(db, at)
  return true
}
