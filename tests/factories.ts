import type { DB } from '#db/client.ts'
import type { PartnerRole, Role } from '#db/schema.ts'
import { hashPassword } from '#app/domain/identity/passwords.server.ts'
import { seal } from '#app/domain/identity/secret-box.ts'
import { createSession } from '#app/domain/identity/sessions.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { LEGAL_VERSION } from '#app/domain/content/legal.ts'
import { requiredDocuments } from '#app/domain/partners/legal-rules.ts'
import { saveSplitRule } from '#app/domain/ledger/split-rules.ts'

export const TEST_PASSWORD = 'correct horse battery staple'
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

let hashed: Promise<string> | undefined
const passwordHash = () => (hashed ??= hashPassword(TEST_PASSWORD))

let seq = 0
export interface UserOverrides {
  email?: string
  name?: string
  role?: Role
  uptId?: string | null
  kanwilId?: string | null
  partnerId?: string | null
  partnerRole?: PartnerRole | null
  totp?: boolean
}

/** A user with one role grant; password TEST_PASSWORD; TOTP secret TEST_TOTP_SECRET when totp is on. */
export async function createUser(db: DB, o: UserOverrides = {}) {
  seq++
  const id = newId()
  const now = nowIso()
  const email = o.email ?? `user${seq}-${id.slice(-6)}@test.local`
  await db
    .insertInto('users')
    .values({
      id,
      email,
      name: o.name ?? `Test User ${seq}`,
      password_hash: await passwordHash(),
      totp_secret_enc: o.totp ? seal(TEST_TOTP_SECRET, getEnv().encryptionKey) : null,
      totp_enabled_at: o.totp ? now : null,
      locale: 'id',
      created_at: now,
      updated_at: now,
      disabled_at: null,
      // Factories make accounts as they stand after sign-up and confirmation (ADR 033).
      email_verified_at: now,
      terms_version: LEGAL_VERSION,
      terms_accepted_at: now,
    })
    .execute()
  if (o.role) {
    await db
      .insertInto('role_assignments')
      .values({
        id: newId(),
        user_id: id,
        role: o.role,
        kanwil_id: o.kanwilId ?? null,
        upt_id: o.uptId ?? null,
        partner_id: o.partnerId ?? null,
        partner_role: o.partnerRole ?? (o.role === 'partner_member' ? 'owner' : null),
        created_at: now,
        created_by: null,
        revoked_at: null,
      })
      .execute()
  }
  return { id, email }
}

export async function createPartner(
  db: DB,
  o: { name?: string; status?: 'pending' | 'verified' | 'rejected' | 'suspended' } = {},
) {
  seq++
  const id = newId()
  const now = nowIso()
  const name = o.name ?? `Mitra Uji ${seq}`
  await db
    .insertInto('partners')
    .values({
      id,
      slug: `mitra-uji-${seq}-${id.slice(-6)}`,
      name,
      org_type: 'company',
      status: o.status ?? 'verified',
      contact_email: `mitra${seq}@test.local`,
      contact_phone: null,
      description: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return { id, name }
}

/**
 * Rows for the legal documents a partner must have before it is verified (ADR 033), uploaded by
 * `uploadedBy` (a new user by default). Rows only: tests of the files use the upload path.
 */
export async function addLegalDocumentRows(db: DB, partnerId: string, uploadedBy?: string) {
  const partner = await db
    .selectFrom('partners')
    .select('org_type')
    .where('id', '=', partnerId)
    .executeTakeFirstOrThrow()
  const by = uploadedBy ?? (await createUser(db)).id
  for (const kind of requiredDocuments(partner.org_type)) {
    const id = newId()
    await db
      .insertInto('partner_documents')
      .values({
        id,
        partner_id: partnerId,
        kind,
        file_name: `legal-${id}.pdf`,
        original_name: `${kind}.pdf`,
        size_bytes: 1024,
        sha256: '0'.repeat(64),
        uploaded_by: by,
        created_at: nowIso(),
        replaced_at: null,
      })
      .execute()
  }
}

/** Any two UPTs from the reference data, in different Kanwil. */
/** The national sales-based rule the money tests post under: premi 50%, PNBP 15%, production 35%. */
export function nationalSplitRule(db: DB, effectiveFrom = '2000-01-01') {
  return saveSplitRule(db, {
    scope: 'national',
    uptId: null,
    programId: null,
    agreementId: null,
    base: 'sales',
    shares: { premi: 5000, pnbp: 1500, production: 3500, partner: 0, operations: 0 },
    effectiveFrom,
    actorUserId: null,
  })
}

export async function twoUpts(db: DB) {
  const a = await db
    .selectFrom('upts')
    .selectAll()
    .where('slug', '=', 'lapas-kelas-iia-kediri')
    .executeTakeFirstOrThrow()
  const b = await db
    .selectFrom('upts')
    .selectAll()
    .where('slug', '=', 'lapas-narkotika-kelas-iia-bangli')
    .executeTakeFirstOrThrow()
  return { a, b }
}

/** A signed-in session cookie for a user, without going through the login form. */
export async function sessionCookieFor(db: DB, userId: string): Promise<string> {
  const token = await createSession(db, userId)
  return `ml_session=${token}`
}
