import { describe, expect, test } from 'vitest'
import { createBilling, payBilling } from '#app/domain/pnbp/billings.ts'
import { twoUpts } from '#tests/factories.ts'
import { testDb } from '#tests/setup/setup-each.ts'

describe('NTPN: validated as typed, upper-cased only after', () => {
  test('letters that change length or meaning when upper-cased (ß -> SS, ﬀ -> FF, ı -> I, fullwidth) are refused and write nothing', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const billing = await db.transaction().execute((trx) =>
      createBilling(trx, {
        uptId: a.id,
        kodeBilling: '820261200000001',
        billingDate: '2026-12-01',
        amount: 150_000,
        period: '2026-11',
        actorUserId: null,
      }),
    )
    const pay = (ntpn: string) =>
      db.transaction().execute((trx) =>
        payBilling(trx, {
          billingId: billing.id,
          uptId: a.id,
          ntpn,
          ntb: '123456',
          paidDate: '2026-12-02',
          channel: 'Bank BRI',
          actorUserId: null,
        }),
      )
    // each is 15 or 16 characters that upper-case to 16 ASCII letters and digits
    for (const bad of ['abcdefghijklmnß', 'ABCDEFGHIJKLMNﬀ', 'ıBCDEFGHIJKLMNOP', 'ＡBCDEFGHIJKLMNOP']) {
      await expect(pay(bad), bad).rejects.toMatchObject({ code: 'pnbp.ntpn16', field: 'ntpn' })
    }
    expect(await db.selectFrom('pnbp_deposits').select('id').execute()).toEqual([])
    expect(await db.selectFrom('ledger_entries').select('id').execute()).toEqual([])
    // plain ASCII in either case is accepted and stored upper-cased
    const ok = await pay(' abcdefghijklmn12 ')
    expect(ok.ntpn).toBe('ABCDEFGHIJKLMN12')
  })
})
