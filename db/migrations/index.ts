import type { Migration } from 'kysely'
import * as m20261128T0200 from './2026-11-28T0200_init.ts'
import * as m20261128T0300 from './2026-11-28T0300_partners.ts'
import * as m20261128T0400 from './2026-11-28T0400_marketplace.ts'
import * as m20261128T0500 from './2026-11-28T0500_pnbp.ts'
import * as m20261128T0600 from './2026-11-28T0600_matching.ts'
import * as m20261128T0700 from './2026-11-28T0700_payments.ts'
import * as m20261128T0800 from './2026-11-28T0800_stripe_payouts.ts'
import * as m20261128T0900 from './2026-11-28T0900_email_delivery.ts'
import * as m20261128T1000 from './2026-11-28T1000_pks_documents.ts'
import * as m20261206T1200agreedTerms from './2026-12-06T1200_agreed_terms.ts'
import * as m20261206T1500TotpLastStep from './2026-12-06T1500_totp_last_step.ts'
import * as m20261206T1300a from './2026-12-06T1300_payment_received_exact.ts'
import * as m20261206T1600lpka from './2026-12-06T1600_lpka_floor.ts'
import * as m20261206T1600shop from './2026-12-06T1600_shop_limits.ts'
import * as m20261206T1400bankStatementMappings from './2026-12-06T1400_bank_statement_mappings.ts'
import * as m20261206T2230catalogWords from './2026-12-06T2230_catalog_words.ts'
import * as m20261206T2240sitePages from './2026-12-06T2240_site_pages.ts'
import * as m20261206T2320midtransSettlements from './2026-12-06T2320_midtrans_settlements.ts'
import * as m20261206T2345workDigest from './2026-12-06T2345_work_digest.ts'
import * as m20261206T2210pickupPoints from './2026-12-06T2210_pickup_points.ts'
import * as m20261206T2250publicationRecords from './2026-12-06T2250_publication_records.ts'
import * as m20261206T2300stories from './2026-12-06T2300_stories.ts'
import * as m20261206T2240productReviews from './2026-12-06T2240_product_reviews.ts'
import * as m20261207T0200partnerTrust from './2026-12-07T0200_partner_trust.ts'

/**
 * Static index of migrations. Kysely's FileMigrationProvider import()s files at run time, which
 * breaks inside the bundled server build and under vitest; a static map works everywhere.
 * Keys sort chronologically: add new migrations at the end.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-28T0200_init': m20261128T0200,
  '2026-11-28T0300_partners': m20261128T0300,
  '2026-11-28T0400_marketplace': m20261128T0400,
  '2026-11-28T0500_pnbp': m20261128T0500,
  '2026-11-28T0600_matching': m20261128T0600,
  '2026-11-28T0700_payments': m20261128T0700,
  '2026-11-28T0800_stripe_payouts': m20261128T0800,
  '2026-11-28T0900_email_delivery': m20261128T0900,
  '2026-11-28T1000_pks_documents': m20261128T1000,
  '2026-12-06T1200_agreed_terms': m20261206T1200agreedTerms,
  '2026-12-06T1300_payment_received_exact': m20261206T1300a,
  '2026-12-06T1500_totp_last_step': m20261206T1500TotpLastStep,
  '2026-12-06T1600_lpka_floor': m20261206T1600lpka,
  '2026-12-06T1600_shop_limits': m20261206T1600shop,
  '2026-12-06T1400_bank_statement_mappings': m20261206T1400bankStatementMappings,
  '2026-12-06T2230_catalog_words': m20261206T2230catalogWords,
  '2026-12-06T2240_site_pages': m20261206T2240sitePages,
  '2026-12-06T2210_pickup_points': m20261206T2210pickupPoints,
  '2026-12-06T2320_midtrans_settlements': m20261206T2320midtransSettlements,
  '2026-12-06T2345_work_digest': m20261206T2345workDigest,
  '2026-12-06T2250_publication_records': m20261206T2250publicationRecords,
  '2026-12-06T2300_stories': m20261206T2300stories,
  '2026-12-06T2240_product_reviews': m20261206T2240productReviews,
  '2026-12-07T0200_partner_trust': m20261207T0200partnerTrust,
}
