import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/** ISO-8601 UTC timestamp, e.g. 2026-11-28T02:07:14.000Z */
export type Timestamp = string
/** Calendar date, e.g. 2026-11-28 */
export type DateOnly = string

export type UptType = 'lapas' | 'rutan' | 'lpka' | 'bapas'
export type SecurityLevel = 'super_maximum' | 'maximum' | 'medium' | 'minimum'
export type Role = 'admin' | 'upt_staff' | 'finance' | 'partner_member' | 'buyer'
export type PartnerRole = 'owner' | 'member'
export type OrgType = 'company' | 'ngo' | 'cooperative' | 'university' | 'religious_social' | 'media' | 'individual'
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
  /** Time step (unix seconds / 30) of the last TOTP code accepted; older or equal steps are refused. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>
  /** 1 when the daily work digest is wanted (the default), 0 when switched off on /account */
  work_digest: ColumnType<number, number | undefined, number>
  /** Asia/Jakarta day of the last work digest queued: at most one a day */
  work_digest_sent_on: ColumnType<string | null, string | null | undefined, string | null>
  locale: string
  // added by 2026-12-07T0200_partner_trust (ADR 033): null until the address is confirmed by a link
  email_verified_at: ColumnType<string | null, string | null | undefined, string | null>
  /** The version of the terms and privacy policy accepted (LEGAL_VERSION), and when; null: none recorded. */
  terms_version: ColumnType<string | null, string | null | undefined, string | null>
  terms_accepted_at: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
  updated_at: Timestamp
  disabled_at: Timestamp | null
}

/** A single-use e-mail confirmation link (ADR 033): only the token's SHA-256 is stored. */
export interface EmailVerificationsTable {
  token_hash: string
  user_id: string
  email: string
  created_at: Timestamp
  expires_at: Timestamp
  used_at: Timestamp | null
}

export type LegalDocumentKind = 'akta' | 'nib' | 'npwp' | 'other'

/** A partner's legal document (PDF in the upload storage under `legal/`); a replaced one keeps its row. */
export interface PartnerDocumentsTable {
  id: string
  partner_id: string
  kind: LegalDocumentKind
  file_name: string
  original_name: string | null
  size_bytes: number
  sha256: string
  uploaded_by: string
  created_at: Timestamp
  replaced_at: Timestamp | null
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
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: Timestamp | null
  claimed_until: Timestamp | null
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

// ---------------------------------------------------------------------------------------------
// Marketplace (catalog + orders), migration 2026-11-28T0400_marketplace
// ---------------------------------------------------------------------------------------------
export type ProductStatus = 'draft' | 'published' | 'archived'
export type StockMode = 'stock' | 'made_to_order'
export type OrderKind = 'retail' | 'offtake'
export type OrderStatus = 'pending_payment' | 'paid' | 'expired' | 'cancelled'
export type SubOrderStatus =
  'pending_payment' | 'paid' | 'processing' | 'shipped' | 'completed' | 'cancelled' | 'expired' | 'refunded'
export type Delivery = 'ship' | 'pickup'

export interface ProductsTable {
  id: string
  upt_id: string
  program_id: string | null
  sector_id: string
  slug: string
  name: string
  description: string
  story: string | null
  price: number
  stock_mode: StockMode
  stock: number
  lead_time_days: number | null
  unit: string
  weight_grams: number
  status: ProductStatus
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ProductImagesTable {
  id: string
  product_id: string
  file_name: string
  thumb_name: string
  mime: string
  width: number
  height: number
  bytes: number
  alt: string
  sort: number
  created_at: Timestamp
}

export interface ProductReviewsTable {
  id: string
  order_line_id: string
  product_id: string
  upt_id: string
  user_id: string | null
  rating: number
  body: string
  reviewer_name: string
  reply: string | null
  replied_by: string | null
  replied_at: Timestamp | null
  hidden_reason: string | null
  hidden_by: string | null
  hidden_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ProductsFtsTable {
  product_id: string
  name: string
  description: string
  story: string
}

export interface UptShippingRatesTable {
  upt_id: string
  same_province: number
  same_island: number
  other: number
  pickup: number
  updated_at: Timestamp
}

/** A UPT outlet where buyers collect pickup orders (issue 14, item 1). */
export interface UptPickupPointsTable {
  upt_id: string
  address: string
  hours: string
  contact: string
  updated_at: Timestamp
}

export interface CartsTable {
  id: string
  token_hash: string | null
  user_id: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CartItemsTable {
  cart_id: string
  product_id: string
  qty: number
  price_at_add: number
  added_at: Timestamp
}

export interface OrderCountersTable {
  year: number
  last: number
}

export interface OrdersTable {
  id: string
  order_number: string
  kind: OrderKind
  agreement_id: string | null
  user_id: string | null
  buyer_name: string
  buyer_email: string
  buyer_phone: string
  delivery: Delivery
  address: string | null
  city: string | null
  province_id: string | null
  postal_code: string | null
  subtotal: number
  shipping_total: number
  total: number
  status: OrderStatus
  status_token_hash: string
  reserved_until: Timestamp
  created_at: Timestamp
  updated_at: Timestamp
  paid_at: Timestamp | null
}

export interface SubOrdersTable {
  id: string
  order_id: string
  upt_id: string
  number: string
  status: SubOrderStatus
  subtotal: number
  shipping_fee: number
  total: number
  courier: string | null
  tracking_number: string | null
  stock_released_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface OrderLinesTable {
  id: string
  sub_order_id: string
  product_id: string
  name: string
  unit: string
  unit_price: number
  qty: number
  line_total: number
  /** 1 when the line took stock from products.stock (stock items), 0 for made-to-order. */
  reserved: number
}

export interface SubOrderEventsTable {
  id: string
  sub_order_id: string
  from_status: string
  to_status: string
  actor_user_id: string | null
  note: string | null
  at: Timestamp
}

export type Product = Selectable<ProductsTable>
export type Order = Selectable<OrdersTable>
export type SubOrder = Selectable<SubOrdersTable>
// ---------------------------------------------------------------------------------------------

// ---- payments (issue 6) ----
export type PaymentMethod = 'card' | 'bank_transfer'
export type PaymentStatus =
  'pending' | 'processing' | 'awaiting_second' | 'paid' | 'failed' | 'expired' | 'rejected' | 'flagged'
export type RefundStatus = 'pending' | 'succeeded' | 'failed'

export interface UptBankAccountsTable {
  upt_id: string
  bank_name: string
  account_number: string
  account_holder: string
  updated_by: string | null
  updated_at: string
}

export interface PaymentSettingsTable {
  key: string
  value: number
  updated_by: string | null
  updated_at: string
}

/** Limits on anonymous buying (app/domain/orders/limits.ts); integer values by key. */
/** Words of the published catalog, folded, for typo correction in search (ADR 023). */
export interface CatalogWordsTable {
  word: string
}

/** A version of a trust page (About, Contact, Terms…), both languages, Markdown (ADR 023). */
export interface SitePageVersionsTable {
  id: string
  slug: string
  version: number
  title_id: string
  title_en: string
  body_id: string
  body_en: string
  created_by: string | null
  created_at: string
}

export interface ShopSettingsTable {
  key: string
  value: number
  updated_by: string | null
  updated_at: string
}

export interface PaymentsTable {
  id: string
  order_id: string
  sub_order_id: string | null
  upt_id: string | null
  method: PaymentMethod
  provider: string | null
  status: PaymentStatus
  /** rupiah expected (bank transfer: sub-order total plus the unique code) */
  amount: number
  unique_code: number | null
  reference: string
  deadline: string
  attempt: number
  provider_session_id: string | null
  provider_url: string | null
  provider_payment_intent_id: string | null
  amount_received: number | null
  /** what the card provider reported, in its minor units (IDR x100), and its currency, unrounded */
  received_minor: number | null
  received_currency: string | null
  amount_refunded: number
  flag_reason: string | null
  proof_file: string | null
  proof_uploaded_at: string | null
  first_confirmed_by: string | null
  first_confirmed_at: string | null
  decided_by: string | null
  decided_at: string | null
  reject_reason: string | null
  created_at: string
  updated_at: string
  paid_at: string | null
}

export interface PaymentEventsTable {
  provider: string
  event_id: string
  type: string
  order_number: string | null
  session_id: string | null
  payment_intent_id: string | null
  amount_refunded: number | null
  created: number
  outcome: string
  received_at: string
}

export interface RefundsTable {
  id: string
  sub_order_id: string
  payment_id: string
  amount: number
  reason: string
  restock: number
  status: RefundStatus
  provider_refund_id: string | null
  requested_by: string | null
  created_at: string
  updated_at: string
  succeeded_at: string | null
}
export type Payment = Selectable<PaymentsTable>
export type Refund = Selectable<RefundsTable>
export type PayoutState = 'pending' | 'allocated' | 'needs_review'
export interface StripePayoutsTable {
  id: string
  amount_minor: number
  currency: string
  arrival_date: string
  state: PayoutState
  problem: string | null
  attempts: number
  received_via: 'webhook' | 'api' | 'demo'
  received_at: string
  updated_at: string
  allocated_at: string | null
}
export interface StripePayoutAllocationsTable {
  payout_id: string
  upt_id: string
  charges: number
  refunds: number
  fees: number
  net: number
  transactions: number
}
export type StripePayoutRow = Selectable<StripePayoutsTable>
/** Midtrans' settlement to the collection account, booked from its report (ADR 028). */
export interface MidtransSettlementsTable {
  id: string
  bank_reference: string
  settled_on: string
  gross: number
  fees: number
  net: number
  transactions: number
  file_name: string | null
  created_by: string | null
  created_at: string
}
export interface MidtransSettlementLinesTable {
  settlement_id: string
  payment_id: string
  midtrans_order_id: string
  gross: number
  fee: number
  net: number
}
export interface MidtransSettlementAllocationsTable {
  settlement_id: string
  upt_id: string
  gross: number
  fees: number
  net: number
  transactions: number
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

/** One saved column mapping per UPT and bank account (the account number's digits, or a label). */
export interface BankStatementMappingsTable {
  id: string
  upt_id: string
  account: string
  delimiter: string
  date_format: string
  date_column: string
  description_column: string
  reference_column: string | null
  amount_column: string | null
  marker_column: string | null
  debit_column: string | null
  credit_column: string | null
  updated_at: Timestamp
  updated_by: string | null
}

export interface BankStatementImportsTable {
  id: string
  upt_id: string
  bank: string
  file_name: string
  imported: number
  skipped: number
  /** Bad lines listed in the preview and left out. */
  rejected: number
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
  /** The offer's terms (JSON) as accepted; offtake orders use these, not the offer's later edits. */
  agreed_terms: ColumnType<string | null, string | null | undefined, string | null>
}
/** The sectors (product categories) an agreement covers, as its offer named them at acceptance. */
export interface AgreementSectorsTable {
  agreement_id: string
  sector_id: string
}
/** One uploaded version of an agreement's signed PKS (PDF); never overwritten. */
export interface AgreementDocumentsTable {
  id: string
  agreement_id: string
  /** 1, 2, 3… per agreement; the highest is the current PKS */
  version: number
  /** Server-made name under UPLOAD_DIR/pks, never the uploader's */
  file_name: string
  /** The uploader's file name, sanitised, for display only */
  original_name: string | null
  size_bytes: number
  sha256: string
  uploaded_by: string
  created_at: Timestamp
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
  /** Publication records (migration 2026-12-06T2250, ADR 025): the medium; null before them */
  medium: ColumnType<PublicationMedium | null, PublicationMedium | null | undefined, PublicationMedium | null>
  /** Sales made at an exhibition or bazaar, integer rupiah */
  sales_rupiah: ColumnType<number | null, number | null | undefined, number | null>
}
export type PublicationMedium = 'online' | 'print' | 'tv' | 'radio' | 'social_media' | 'exhibition'
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

// ---- Stories (issue 15, item 1; migration 2026-12-06T2300_stories) ----
export type StoryStatus = 'pending' | 'returned' | 'published'
export interface StoriesTable {
  id: string
  slug: string
  upt_id: string
  /** the partner that wrote it (through one of its agreements), or null for the UPT's staff */
  partner_id: string | null
  program_id: string | null
  agreement_id: string | null
  /** the support kind of its agreement (for the /cerita filter), or null */
  kind: SupportKindName | null
  title: string
  summary: string
  /** Markdown, rendered through marked and sanitize-html (app/lib/markdown.server.ts) */
  body: string
  title_en: string | null
  summary_en: string | null
  status: StoryStatus
  /** the author confirmed no inmate can be identified (names, faces, numbers): always 1 */
  no_identification_confirmed: number
  return_reason: string | null
  author_id: string
  reviewed_by: string | null
  reviewed_at: Timestamp | null
  published_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}
export interface StoryPhotosTable {
  id: string
  story_id: string
  file_name: string
  thumb_name: string
  width: number
  height: number
  alt: string
  sort: number
  created_at: Timestamp
}
export interface StoryProductsTable {
  story_id: string
  product_id: string
}
// ---- end of stories ----

export interface Database {
  stories: StoriesTable
  story_photos: StoryPhotosTable
  story_products: StoryProductsTable
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
  // marketplace
  products: ProductsTable
  product_images: ProductImagesTable
  product_reviews: ProductReviewsTable
  email_verifications: EmailVerificationsTable
  partner_documents: PartnerDocumentsTable
  products_fts: ProductsFtsTable
  upt_shipping_rates: UptShippingRatesTable
  upt_pickup_points: UptPickupPointsTable
  carts: CartsTable
  cart_items: CartItemsTable
  order_counters: OrderCountersTable
  orders: OrdersTable
  sub_orders: SubOrdersTable
  order_lines: OrderLinesTable
  sub_order_events: SubOrderEventsTable
  // payments
  upt_bank_accounts: UptBankAccountsTable
  payment_settings: PaymentSettingsTable
  shop_settings: ShopSettingsTable
  catalog_words: CatalogWordsTable
  site_page_versions: SitePageVersionsTable
  payments: PaymentsTable
  payment_events: PaymentEventsTable
  refunds: RefundsTable
  stripe_payouts: StripePayoutsTable
  stripe_payout_allocations: StripePayoutAllocationsTable
  midtrans_settlements: MidtransSettlementsTable
  midtrans_settlement_lines: MidtransSettlementLinesTable
  midtrans_settlement_allocations: MidtransSettlementAllocationsTable
  // PNBP and ledger (issue 7)
  split_rules: SplitRulesTable
  ledger_entries: LedgerEntriesTable
  ledger_lines: LedgerLinesTable
  pnbp_billings: PnbpBillingsTable
  pnbp_deposits: PnbpDepositsTable
  pnbp_settings: PnbpSettingsTable
  pnbp_targets: PnbpTargetsTable
  bank_statement_mappings: BankStatementMappingsTable
  bank_statement_imports: BankStatementImportsTable
  bank_statement_lines: BankStatementLinesTable
  reconciliation_matches: ReconciliationMatchesTable
  proposals: ProposalsTable
  agreements: AgreementsTable
  agreement_documents: AgreementDocumentsTable
  agreement_sectors: AgreementSectorsTable
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
export type SplitRule = Selectable<SplitRulesTable>
export type LedgerEntry = Selectable<LedgerEntriesTable>
export type PnbpBilling = Selectable<PnbpBillingsTable>
export type PnbpDeposit = Selectable<PnbpDepositsTable>
