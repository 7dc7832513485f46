import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/** ISO-8601 UTC timestamp, e.g. 2026-11-28T02:07:14.000Z */
export type Timestamp = string
/** Calendar date, e.g. 2026-11-28 */
export type DateOnly = string

export type UptType = 'lapas' | 'rutan' | 'lpka' | 'bapas'
export type SecurityLevel = 'super_maximum' | 'maximum' | 'medium' | 'minimum'
export type Role = 'admin' | 'upt_staff' | 'finance' | 'partner_member' | 'buyer'
export type PartnerRole = 'owner' | 'member'
export type OrgType =
  | 'company'
  | 'ngo'
  | 'cooperative'
  | 'university'
  | 'religious_social'
  | 'media'
  | 'individual'
export type PartnerStatus = 'pending' | 'verified' | 'rejected' | 'suspended'

export interface ProvincesTable {
  id: string
  name: string
  island_group: string
  timezone: string
  kanwil_id: string
}

export interface KanwilsTable {
  id: string
  name: string
  province_id: string
}

export interface SectorsTable {
  id: string
  name_id: string
  name_en: string
  sort: number
}

export interface UptsTable {
  id: string
  slug: string
  name: string
  type: UptType
  province_id: string
  kanwil_id: string
  city: string
  timezone: string | null
  note: string | null
  created_at: Timestamp
}

export interface UptStatusHistoryTable {
  id: string
  upt_id: string
  class: string | null
  security_level: SecurityLevel | null
  effective_from: DateOnly
  note: string | null
  created_at: Timestamp
  created_by: string | null
}

export interface UsersTable {
  id: string
  email: string
  name: string
  password_hash: string
  totp_secret_enc: string | null
  totp_enabled_at: Timestamp | null
  locale: string
  created_at: Timestamp
  updated_at: Timestamp
  disabled_at: Timestamp | null
}

export interface RoleAssignmentsTable {
  id: string
  user_id: string
  role: Role
  kanwil_id: string | null
  upt_id: string | null
  partner_id: string | null
  partner_role: PartnerRole | null
  created_at: Timestamp
  created_by: string | null
  revoked_at: Timestamp | null
}

export interface SessionsTable {
  id_hash: string
  user_id: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  mfa_pending: number
  ip: string | null
  user_agent: string | null
}

export interface AuditLogTable {
  id: string
  at: Timestamp
  actor_user_id: string | null
  action: string
  target_type: string | null
  target_id: string | null
  ip: string | null
  details: string | null
}

export interface RateLimitsTable {
  key: string
  window_start: number
  count: number
}

export interface EmailsTable {
  id: string
  to_address: string
  subject: string
  text_body: string
  html_body: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
  error: string | null
}

export interface PasswordResetsTable {
  token_hash: string
  user_id: string
  created_at: Timestamp
  expires_at: Timestamp
  used_at: Timestamp | null
}

export interface InvitationsTable {
  id: string
  token_hash: string
  email: string
  role: Role
  kanwil_id: string | null
  upt_id: string | null
  partner_id: string | null
  partner_role: PartnerRole | null
  invited_by: string
  created_at: Timestamp
  expires_at: Timestamp
  accepted_at: Timestamp | null
}

export interface PartnersTable {
  id: string
  slug: string
  name: string
  org_type: OrgType
  status: PartnerStatus
  contact_email: string
  contact_phone: string | null
  description: string | null
  created_at: Timestamp
  updated_at: Timestamp
  // added by 2026-11-28T0300_partners
  national: ColumnType<number, number | undefined, number>
  nib: string | null
  npwp: string | null
  website: string | null
  status_reason: string | null
  verified_at: Timestamp | null
  // added by 2026-11-28T0600_matching: show agreement impact on the public profile
  impact_public: ColumnType<number, number | undefined, number>
}

// ---- Partners, programs and offers (issue 3, migration 2026-11-28T0300_partners) ----
export type SupportKindName = 'capital' | 'training' | 'expert' | 'absorption' | 'publication'
export type ProgramStatus = 'draft' | 'active' | 'paused' | 'ended'
export type OfferStatus = 'draft' | 'open' | 'fully_committed' | 'closed' | 'expired'

export interface PartnerProvincesTable {
  partner_id: string
  province_id: string
}
export interface PartnerSectorsTable {
  partner_id: string
  sector_id: string
}
export interface SupportKindSettingsTable {
  scope_type: 'security_level' | 'upt_type'
  scope_value: string
  kind: SupportKindName
  allowed: number
  updated_at: Timestamp
  updated_by: string | null
}
export interface ProgramsTable {
  id: string
  slug: string
  upt_id: string
  sector_id: string
  title: string
  description: string
  participants: number
  eligibility_rule: string | null
  schedule: string | null
  status: ProgramStatus
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}
export interface ProgramNeedsTable {
  id: string
  program_id: string
  kind: SupportKindName
  quantity: number
  unit: string
  needed_by: DateOnly | null
  quantity_covered: ColumnType<number, number | undefined, number>
  note: string | null
  created_at: Timestamp
}
export interface OffersTable {
  id: string
  partner_id: string
  kind: SupportKindName
  title: string
  description: string | null
  /** JSON of the kind's terms, validated by OfferTermsSchema (app/domain/offers/terms.ts) */
  terms: string
  status: OfferStatus
  national: number
  valid_from: DateOnly
  valid_until: DateOnly
  unit: string
  capacity_total: number
  capacity_remaining: number
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
  published_at: Timestamp | null
}
export interface OfferSectorsTable {
  offer_id: string
  sector_id: string
}
export interface OfferProvincesTable {
  offer_id: string
  province_id: string
}
export interface OfferSecurityLevelsTable {
  offer_id: string
  security_level: SecurityLevel
}
// ---- end of issue 3 block ----

// ---- Matching, agreements, outcomes, targets (issue 4, migration 2026-11-28T0600_matching) ----
export type ProposalStatus = 'proposed' | 'accepted' | 'declined' | 'expired' | 'withdrawn'
export type AgreementStatus = 'active' | 'completed' | 'cancelled'
export type OutcomeMetric = 'trained' | 'certified' | 'expert_days' | 'capital' | 'units_absorbed' | 'publication'
export type TargetScope = 'national' | 'kanwil' | 'upt'
export type TargetMetric = 'trained' | 'certified'

export interface ProposalsTable {
  id: string
  offer_id: string
  need_id: string
  partner_id: string
  upt_id: string
  quantity: number
  message: string | null
  proposed_by_side: 'partner' | 'upt'
  proposed_by: string
  status: ProposalStatus
  expires_on: DateOnly
  decline_reason: string | null
  decided_by: string | null
  decided_at: Timestamp | null
  agreement_id: string | null
  created_at: Timestamp
}
export interface AgreementsTable {
  id: string
  /** People-facing number, e.g. KS-2026-000001 */
  number: string
  proposal_id: string
  offer_id: string
  need_id: string
  program_id: string
  partner_id: string
  upt_id: string
  kind: SupportKindName
  quantity: number
  unit: string
  terms: string
  start_date: DateOnly
  end_date: DateOnly
  pks_number: string | null
  pks_document_url: string | null
  status: AgreementStatus
  cancel_reason: string | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
  closed_at: Timestamp | null
}
export interface OutcomesTable {
  id: string
  upt_id: string
  program_id: string
  agreement_id: string | null
  partner_id: string | null
  kind: SupportKindName | null
  metric: OutcomeMetric
  count: number
  value_rupiah: number | null
  capital_form: 'money' | 'goods' | null
  certifying_body: string | null
  link: string | null
  channel: string | null
  reach: number | null
  occurred_on: DateOnly
  note: string | null
  recorded_by: string
  created_at: Timestamp
}
export interface RealisationTargetsTable {
  year: number
  scope_type: TargetScope
  /** '' for national */
  scope_id: string
  metric: TargetMetric
  target: number
  updated_at: Timestamp
  updated_by: string | null
}
// ---- end of issue 4 block ----

export interface Database {
  provinces: ProvincesTable
  kanwils: KanwilsTable
  sectors: SectorsTable
  upts: UptsTable
  upt_status_history: UptStatusHistoryTable
  users: UsersTable
  role_assignments: RoleAssignmentsTable
  sessions: SessionsTable
  audit_log: AuditLogTable
  rate_limits: RateLimitsTable
  emails: EmailsTable
  password_resets: PasswordResetsTable
  invitations: InvitationsTable
  partners: PartnersTable
  partner_provinces: PartnerProvincesTable
  partner_sectors: PartnerSectorsTable
  support_kind_settings: SupportKindSettingsTable
  programs: ProgramsTable
  program_needs: ProgramNeedsTable
  offers: OffersTable
  offer_sectors: OfferSectorsTable
  offer_provinces: OfferProvincesTable
  offer_security_levels: OfferSecurityLevelsTable
  proposals: ProposalsTable
  agreements: AgreementsTable
  outcomes: OutcomesTable
  realisation_targets: RealisationTargetsTable
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Upt = Selectable<UptsTable>
export type RoleAssignment = Selectable<RoleAssignmentsTable>
export type Partner = Selectable<PartnersTable>
export type Session = Selectable<SessionsTable>
export type AuditEntry = Selectable<AuditLogTable>
export type { ColumnType }
