import { describe, expect, test } from 'vitest'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { confirmBankTransfer, startBankTransfer } from '#app/domain/payments/bank.ts'
import { ensureNationalSplitRule, saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { createUser, twoUpts } from '#tests/factories.ts'
import { BUYER, createProductRow } from '#tests/factories-market.ts'
import { createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { bankAccountFor } from '#tests/payments-support.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const NONE = { partner: 0, operations: 0 }

describe("a program's split rule applies to the goods that program made", () => {
  test('one sub-order with goods of a program (its own rule) and goods of no program (the national rule): each part is split by its rule', async () => {
    const db = testDb()
    await ensureNationalSplitRule(db) // 50% premi, 15% PNBP, 35% production capital
    const { b: bangli } = await twoUpts(db)
    await bankAccountFor(db, bangli.id)
    const { programId } = await createProgramWithNeed(db, bangli.id)
    // Bangli's bakery program, as reported: 35% premi, 50% PNBP, 15% program.
    await saveSplitRule(db, {
      scope: 'program',
      uptId: bangli.id,
      programId,
      agreementId: null,
      base: 'sales',
      shares: { premi: 3500, pnbp: 5000, production: 1500, ...NONE },
      effectiveFrom: '2020-01-01',
      actorUserId: null,
    })
    const bread = await createProductRow(db, { uptId: bangli.id, price: 3_000, stock: 100 })
    await db.updateTable('products').set({ program_id: programId }).where('id', '=', bread.id).execute()
    const cloth = await createProductRow(db, { uptId: bangli.id, price: 100_000, stock: 10 })
    const { cartId } = await ensureCart(db, {})
    await addToCart(db, cartId, bread.id, 10) // Rp 30.000 of the program's goods
    await addToCart(db, cartId, cloth.id, 1) // Rp 100.000 of goods of no program
    const placed = await placeOrder(db, { cartId, userId: null, ...BUYER })
    await startBankTransfer(db, { orderId: placed.orderId })
    const payment = await db
      .selectFrom('payments')
      .selectAll()
      .where('order_id', '=', placed.orderId)
      .executeTakeFirstOrThrow()
    const finance = await createUser(db, { role: 'finance', uptId: bangli.id, totp: true })
    await confirmBankTransfer(db, { uptId: bangli.id, paymentId: payment.id, userId: finance.id })

    const entry = await db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('reference', '=', `transfer:${payment.id}`)
      .executeTakeFirstOrThrow()
    const lines = await db
      .selectFrom('ledger_lines')
      .select(['account', 'debit', 'credit'])
      .where('entry_id', '=', entry.id)
      .execute()
    const net = Object.fromEntries(lines.map((l) => [l.account, l.credit - l.debit]))
    // program goods 30.000: PNBP 15.000, premi 10.500, capital 4.500; other goods 100.000: PNBP 15.000, premi 50.000, capital 35.000
    expect(net.pnbp_payable).toBe(15_000 + 15_000)
    expect(net.premi_pool).toBe(10_500 + 50_000)
    expect(net.production_capital).toBe(4_500 + 35_000)
    expect(net['clearing:bank_transfer']).toBe(-payment.amount)
    // two rules served this sale, so the entry names neither
    expect(entry.split_rule_id).toBeNull()
  })
})
