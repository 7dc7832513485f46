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
}

// ---- PNBP and ledger (issue 7) -------------------------------------------------------------
export type SplitScope = 'national' | 'upt' | 'program' | 'agreement'
export type SplitBase = 'sales' | 'profit'
export type LedgerKind = 'payment' | 'refund' | 'fee' | 'payout' | 'deposit'
export type MatchMethod = 'reference' | 'amount_date' | 'sum' | 'tolerance' | 'manual' | 'reversal'

export interface SplitRulesTable {
  id: string
  rule_key: string
  version: number
  scope: SplitScope
  upt_id: string | null
  program_id: string | null
  agreement_id: string | null
  base: SplitBase
  pnbp_bp: number
  premi_bp: number
  production_bp: number
  partner_bp: number
  operations_bp: number
  effective_from: DateOnly
  note: string | null
  created_at: Timestamp
  created_by: string | null
}

export interface LedgerEntriesTable {
  id: string
  upt_id: string
  reference: string
  kind: LedgerKind
  provider: string | null
  amount: number
  occurred_at: Timestamp
  day: DateOnly
  month: string
  split_rule_id: string | null
  original_entry_id: string | null
  source_type: string | null
  source_id: string | null
  created_at: Timestamp
}

export interface LedgerLinesTable {
  id: string
  entry_id: string
  upt_id: string
  month: string
  day: DateOnly
  kind: LedgerKind
  account: string
  debit: number
  credit: number
}

export interface PnbpBillingsTable {
  id: string
  upt_id: string
  kode_billing: string
  billing_date: DateOnly
  expires_on: DateOnly
  amount: number
  kode_akun: string
  period: string
  created_at: Timestamp
  created_by: string | null
}

export interface PnbpDepositsTable {
  id: string
  billing_id: string
  upt_id: string
  ntpn: string
  ntb: string
  paid_date: DateOnly
  channel: string
  amount: number
  period: string
  entry_id: string
  created_at: Timestamp
  created_by: string | null
}

export interface PnbpSettingsTable {
  key: string
  value: string
  updated_at: Timestamp
  updated_by: string | null
}

export interface PnbpTargetsTable {
  id: string
  upt_id: string
  year: number
  amount: number
  updated_at: Timestamp
}

export interface BankColumnMappingsTable {
  id: string
  upt_id: string
  bank: string
  date_column: string
  amount_column: string
  description_column: string
  reference_column: string | null
  updated_at: Timestamp
}

export interface BankStatementImportsTable {
  id: string
  upt_id: string
  bank: string
  file_name: string
  imported: number
  skipped: number
  created_at: Timestamp
  created_by: string | null
}

export interface BankStatementLinesTable {
  id: string
  import_id: string
  upt_id: string
  line_hash: string
  date: DateOnly
  amount: number
  description: string
  reference: string | null
  created_at: Timestamp
}

export interface ReconciliationMatchesTable {
  id: string
  upt_id: string
  statement_line_id: string
  target_type: string
  target_ref: string
  amount: number
  method: MatchMethod
  comment: string | null
  reverses_id: string | null
  created_at: Timestamp
  created_by: string | null
}
// ---- end PNBP and ledger --------------------------------------------------------------------

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
  // PNBP and ledger (issue 7)
  split_rules: SplitRulesTable
  ledger_entries: LedgerEntriesTable
  ledger_lines: LedgerLinesTable
  pnbp_billings: PnbpBillingsTable
  pnbp_deposits: PnbpDepositsTable
  pnbp_settings: PnbpSettingsTable
  pnbp_targets: PnbpTargetsTable
  bank_column_mappings: BankColumnMappingsTable
  bank_statement_imports: BankStatementImportsTable
  bank_statement_lines: BankStatementLinesTable
  reconciliation_matches: ReconciliationMatchesTable
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
export type SplitRule = Selectable<SplitRulesTable>
export type LedgerEntry = Selectable<LedgerEntriesTable>
export type PnbpBilling = Selectable<PnbpBillingsTable>
export type PnbpDeposit = Selectable<PnbpDepositsTable>
