/**
 * Issue 11, item 2, as it was found: finance of Lapas Bangli saved a split rule naming Lapas
 * Kediri's absorption agreement with PNBP 0%, and Kediri's next confirmed payment under that
 * agreement was booked without PNBP. Over real HTTP, with the demo accounts.
 */
import { describe, expect, test } from 'vitest'
import { todayIn } from '#app/lib/time.ts'
import { changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

describe('split rules stay inside their UPT', () => {
  test("Bangli's finance cannot put Kediri's agreement at PNBP 0%, and Kediri's next payment keeps its PNBP", async () => {
    const db = serverDb()
    const kediri = (
      await db.selectFrom('upts').select('id').where('slug', '=', 'lapas-kelas-iia-kediri').executeTakeFirstOrThrow()
    ).id
    const bangli = (
      await db
        .selectFrom('upts')
        .select('id')
        .where('slug', '=', 'lapas-narkotika-kelas-iia-bangli')
        .executeTakeFirstOrThrow()
    ).id
    const agreement = (
      await db
        .selectFrom('agreements')
        .select('id')
        .where('upt_id', '=', kediri)
        .where('kind', '=', 'absorption')
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).id
    const before = await fingerprint()
    const rule = await send('/finance/rules', {
      cookie: await sessionFor('keuangan.bangli@mitralipas.demo'),
      form: {
        scope: 'agreement',
        uptId: bangli,
        agreementId: agreement,
        base: 'sales',
        pnbp: '0',
        premi: '50',
        production: '50',
        effectiveFrom: todayIn(),
      },
    })
    expect.soft(rule.status).toBe(404)
    expect.soft(changedTables(before, await fingerprint())).toEqual([])

    // Tenun Nusantara orders cloth under the agreement and pays by transfer; Kediri's finance confirms it.
    const partner = await sessionFor('mitra@mitralipas.demo')
    const cloth = (
      await db
        .selectFrom('products')
        .select('id')
        .where('upt_id', '=', kediri)
        .where('sector_id', '=', 'tenun')
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow()
    ).id
    const placed = await send(`/agreements/${agreement}/offtake`, {
      cookie: partner,
      form: { productId: cloth, qty: '1' },
    })
    expect(placed.status).toBe(302)
    const orderPath = placed.headers.get('Location')!
    expect((await send(orderPath, { cookie: partner, form: { intent: 'transfer' } })).status).toBe(302)
    const order = await db
      .selectFrom('orders')
      .select('id')
      .where('order_number', '=', orderPath.split('/').pop()!)
      .executeTakeFirstOrThrow()
    const payment = await db
      .selectFrom('payments')
      .select(['id', 'amount'])
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow()
    const confirmed = await send(`/finance/upt/${kediri}/payments`, {
      cookie: await sessionFor('keuangan.kediri@mitralipas.demo'),
      form: { intent: 'confirm', paymentId: payment.id },
    })
    expect(confirmed.status).toBe(302)

    const entry = await db
      .selectFrom('ledger_entries')
      .select(['id', 'split_rule_id'])
      .where('reference', '=', `transfer:${payment.id}`)
      .executeTakeFirstOrThrow()
    const used = await db
      .selectFrom('split_rules')
      .selectAll()
      .where('id', '=', entry.split_rule_id!)
      .executeTakeFirstOrThrow()
    expect(
      used.scope === 'national' || used.upt_id === kediri,
      `rule ${used.scope} of UPT ${used.upt_id} booked Kediri's sale`,
    ).toBe(true)
    expect(used.pnbp_bp).toBeGreaterThan(0)
    const pnbp = await db
      .selectFrom('ledger_lines')
      .select('credit')
      .where('entry_id', '=', entry.id)
      .where('account', '=', 'pnbp_payable')
      .executeTakeFirstOrThrow()
    expect(pnbp.credit).toBeGreaterThan(0)
  })
})
