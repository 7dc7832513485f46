import { sql, type Kysely } from 'kysely'
import { integerType } from '../dialect.ts'

/**
 * Bank statements as banks export them (issue 11, ADR 014): the column mapping is saved per bank
 * account and also records the delimiter, the date order and how the amount is written (one
 * signed column, with or without a CR/DB marker column, or separate debit and credit columns).
 * The old per-bank mapping (one amount column, comma, day first) is carried over. Imports
 * count the bad lines that were skipped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const int = integerType(db)
  await db.schema
    .createTable('bank_statement_mappings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upt_id', 'text', (c) => c.notNull().references('upts.id'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull().check(sql`delimiter in (',', ';', '\t')`))
    .addColumn('date_format', 'text', (c) => c.notNull().check(sql`date_format in ('dmy', 'mdy', 'ymd')`))
    .addColumn('date_column', 'text', (c) => c.notNull())
    .addColumn('description_column', 'text', (c) => c.notNull())
    .addColumn('reference_column', 'text')
    .addColumn('amount_column', 'text')
    .addColumn('marker_column', 'text')
    .addColumn('debit_column', 'text')
    .addColumn('credit_column', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('bank_statement_mappings_upt_account', ['upt_id', 'account'])
    .addCheckConstraint(
      'bank_statement_mappings_amount',
      sql`amount_column is not null or (debit_column is not null and credit_column is not null)`,
    )
    .execute()
  await db
    .insertInto('bank_statement_mappings')
    .columns([
      'id',
      'upt_id',
      'account',
      'delimiter',
      'date_format',
      'date_column',
      'description_column',
      'reference_column',
      'amount_column',
      'updated_at',
    ])
    .expression(
      db
        .selectFrom('bank_column_mappings')
        .select([
          'id',
          'upt_id',
          'bank',
          sql.lit(',').as('delimiter'),
          sql.lit('dmy').as('date_format'),
          'date_column',
          'description_column',
          'reference_column',
          'amount_column',
          'updated_at',
        ]),
    )
    .execute()
  await db.schema.dropTable('bank_column_mappings').execute()
  await db.schema
    .alterTable('bank_statement_imports')
    .addColumn('rejected', int, (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bank_statement_imports').dropColumn('rejected').execute()
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
  await db
    .insertInto('bank_column_mappings')
    .columns([
      'id',
      'upt_id',
      'bank',
      'date_column',
      'amount_column',
      'description_column',
      'reference_column',
      'updated_at',
    ])
    .expression(
      db
        .selectFrom('bank_statement_mappings')
        .select([
          'id',
          'upt_id',
          'account',
          'date_column',
          'amount_column',
          'description_column',
          'reference_column',
          'updated_at',
        ])
        .where('amount_column', 'is not', null),
    )
    .execute()
  await db.schema.dropTable('bank_statement_mappings').execute()
}
