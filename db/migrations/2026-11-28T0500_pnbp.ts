import { type Kysely, sql } from 'kysely'
import { appendOnlyOnPostgres, integerType, isPostgres } from '../dialect.ts'

const APPEND_ONLY = [
  'split_rules',
  'ledger_entries',
  'ledger_lines',
  'pnbp_billings',
  'pnbp_deposits',
  'bank_statement_lines',
  'reconciliation_matches',
]

// PNBP split rules, the double-entry ledger, SIMPONI billings/deposits, statements and settings.
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  // Each row is one version of a rule; editing appends a new version (same rule_key).
  await db.schema
    .createTable('split_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_key', 'text', (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('national','upt','program','agreement')`))
    .addColumn('upt_id', 'text', (c) => c.references('upts.id'))
    .addColumn('program_id', 'text')
    .addColumn('agreement_id', 'text')
    .addColumn('base', 'text', (c) => c.notNull().check(sql`base in ('sales','profit')`))
    .addColumn('pnbp_bp', int, (c) => c.notNull().check(sql`pnbp_bp >= 0`))
    .addColumn('premi_bp', int, (c) => c.notNull().check(sql`premi_bp >= 0`))
    .addColumn('production_bp', int, (c) => c.notNull().check(sql`production_bp >= 0`))
    .addColumn('partner_bp', int, (c) => c.notNull().check(sql`partner_bp >= 0`))
    .addColumn('operations_bp', int, (c) => c.notNull().check(sql`operations_bp >= 0`))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addCheckConstraint(
      'split_rules_total',
      sql`pnbp_bp + premi_bp + production_bp + partner_bp + operations_bp = 10000`,
    )
    .addUniqueConstraint('split_rules_key_version', ['rule_key', 'version'])
    .execute()
  await db.schema
    .createIndex('split_rules_scope_idx')
    .on('split_rules')
    .columns(['scope', 'upt_id', 'effective_from'])
    .execute()

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('payment','refund','fee','payout','deposit')`))
    .addColumn('provider', 'text')
    .addColumn('amount', int, (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('split_rule_id', 'text', (c) => c.references('split_rules.id'))
    .addColumn('original_entry_id', 'text', (c) => c.references('ledger_entries.id'))
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('ledger_entries_upt_kind_idx')
    .on('ledger_entries')
    .columns(['upt_id', 'kind', 'occurred_at'])
    .execute()
  await db.schema.createIndex('ledger_entries_original_idx').on('ledger_entries').column('original_entry_id').execute()

  await db.schema
    .createTable('ledger_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('ledger_entries.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('debit', int, (c) => c.notNull().check(sql`debit >= 0`))
    .addColumn('credit', int, (c) => c.notNull().check(sql`credit >= 0`))
    .addCheckConstraint('ledger_lines_one_side', sql`(debit = 0) <> (credit = 0)`)
    .execute()
  await db.schema.createIndex('ledger_lines_entry_idx').on('ledger_lines').column('entry_id').execute()
  // Covering indexes for the monthly report: per UPT and national by month.
  await db.schema
    .createIndex('ledger_lines_upt_month_idx')
    .on('ledger_lines')
    .columns(['upt_id', 'month', 'account', 'kind', 'debit', 'credit'])
    .execute()
  await db.schema
    .createIndex('ledger_lines_month_idx')
    .on('ledger_lines')
    .columns(['month', 'upt_id', 'account', 'kind', 'day', 'debit', 'credit'])
    .execute()

  await db.schema
    .createTable('pnbp_billings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('kode_billing', 'text', (c) => c.notNull().unique())
    .addColumn('billing_date', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('amount', int, (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('kode_akun', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema
    .createIndex('pnbp_billings_upt_period_idx')
    .on('pnbp_billings')
    .columns(['upt_id', 'period'])
    .execute()

  await db.schema
    .createTable('pnbp_deposits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('billing_id', 'text', (c) => c.notNull().unique().references('pnbp_billings.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('ntpn', 'text', (c) => c.notNull().unique())
    .addColumn('ntb', 'text', (c) => c.notNull())
    .addColumn('paid_date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('amount', int, (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('ledger_entries.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema
    .createIndex('pnbp_deposits_upt_period_idx')
    .on('pnbp_deposits')
    .columns(['upt_id', 'period'])
    .execute()

  await db.schema
    .createTable('pnbp_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()

  await db.schema
    .createTable('pnbp_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('year', int, (c) => c.notNull())
    .addColumn('amount', int, (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pnbp_targets_upt_year', ['upt_id', 'year'])
    .execute()

  await db.schema
    .createTable('bank_column_mappings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('date_column', 'text', (c) => c.notNull())
    .addColumn('amount_column', 'text', (c) => c.notNull())
    .addColumn('description_column', 'text', (c) => c.notNull())
    .addColumn('reference_column', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bank_column_mappings_upt_bank', ['upt_id', 'bank'])
    .execute()

  await db.schema
    .createTable('bank_statement_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('imported', int, (c) => c.notNull())
    .addColumn('skipped', int, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()

  await db.schema
    .createTable('bank_statement_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull().references('bank_statement_imports.id'))
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('line_hash', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount', int, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bank_statement_lines_hash', ['upt_id', 'line_hash'])
    .execute()
  await db.schema
    .createIndex('bank_statement_lines_upt_date_idx')
    .on('bank_statement_lines')
    .columns(['upt_id', 'date'])
    .execute()

  // Matches are appended; unmatching appends a reversal row pointing at the match it undoes.
  await db.schema
    .createTable('reconciliation_matches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('statement_line_id', 'text', (c) => c.notNull().references('bank_statement_lines.id'))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_ref', 'text', (c) => c.notNull())
    .addColumn('amount', int, (c) => c.notNull())
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in ('reference','amount_date','sum','tolerance','manual','reversal')`),
    )
    .addColumn('comment', 'text')
    .addColumn('reverses_id', 'text', (c) => c.references('reconciliation_matches.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema
    .createIndex('reconciliation_matches_line_idx')
    .on('reconciliation_matches')
    .column('statement_line_id')
    .execute()
  await db.schema
    .createIndex('reconciliation_matches_target_idx')
    .on('reconciliation_matches')
    .columns(['target_type', 'target_ref'])
    .execute()

  for (const table of APPEND_ONLY) {
    if (isPostgres(db)) {
      await appendOnlyOnPostgres(db, table)
      continue
    }
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      )
      .execute(db)
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'reconciliation_matches',
    'bank_statement_lines',
    'bank_statement_imports',
    'bank_column_mappings',
    'pnbp_targets',
    'pnbp_settings',
    'pnbp_deposits',
    'pnbp_billings',
    'ledger_lines',
    'ledger_entries',
    'split_rules',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
