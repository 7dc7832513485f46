/**
 * Ids taken from a form body are resolved inside the scope that the URL and the user's role
 * grant, in the domain (not only in the route): another UPT's, partner's or Kanwil's record and a
 * made-up id are refused and write nothing (issue 11, item 2). The HTTP write matrix
 * (tests/http/write-matrix.test.ts) sends the same kind of bodies to every action over the wire.
 */
import { describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { propose } from '#app/domain/agreements/lifecycle.ts'
import { createProduct, updateProduct } from '#app/domain/catalog/products.ts'
import { revokeGrant } from '#app/domain/identity/invitations.ts'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { decidePartner } from '#app/domain/partners/verification.ts'
import { postPaymentConfirmed } from '#app/domain/ledger/postings.ts'
import { ensureNationalSplitRule, resolveSplitRule, saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { action as usersAction } from '#app/routes/admin.users.tsx'
import { action as cartAction } from '#app/routes/cart.tsx'
import { action as rulesAction } from '#app/routes/finance.rules.tsx'
import { action as newProductAction } from '#app/routes/upt.$uptId.products.new.tsx'
import { action as productAction } from '#app/routes/upt.$uptId.products.$productId.tsx'
import { addLegalDocumentRows, createPartner, createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { activeAgreement, createOffer, createProgramWithNeed } from '#tests/matching-fixtures.ts'
import { testDb } from '#tests/setup/setup-each.ts'

const GHOST = '0190aaaa-0000-7000-8000-00000000dead'
const count = async (db: DB, table: 'split_rules' | 'products' | 'cart_items' | 'role_assignments' | 'proposals') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('split rules name only agreements and programs of their own UPT', () => {
  async function world() {
    const db = testDb()
    const { a: kediri, b: bangli } = await twoUpts(db)
    const kediriAgreement = await activeAgreement(db, { uptId: kediri.id })
    const { programId: bangliProgram } = await createProgramWithNeed(db, bangli.id, { sector: 'food' })
    const { programId: kediriProgram } = await createProgramWithNeed(db, kediri.id)
    const finance = await createUser(db, { role: 'finance', uptId: bangli.id, totp: true })
    return {
      db,
      kediri,
      bangli,
      kediriAgreement,
      bangliProgram,
      kediriProgram,
      cookie: await sessionCookieFor(db, finance.id),
    }
  }
  const rule = (o: Record<string, string>) => ({
    base: 'sales',
    pnbp: '0',
    premi: '50',
    production: '50',
    effectiveFrom: '2026-01-01',
    ...o,
  })

  test("Bangli's finance cannot save a rule on a Kediri agreement or program, nor on an id that does not exist: 404, nothing written", async () => {
    const { db, bangli, kediriAgreement, kediriProgram, bangliProgram, cookie } = await world()
    const before = await count(db, 'split_rules')
    for (const [field, scope, value] of [
      ['agreementId', 'agreement', kediriAgreement.id],
      ['agreementId', 'agreement', GHOST],
      ['programId', 'program', kediriProgram],
      ['programId', 'program', GHOST],
    ] as const) {
      const r = await call(
        rulesAction,
        makeRequest('/finance/rules', { cookie, form: rule({ scope, uptId: bangli.id, [field]: value }) }),
      )
      expect(r.status, `${scope} ${value}`).toBe(404)
      expect(r.data.error[field], `${scope} ${value}`).toEqual([`rules.${scope}NotInUpt`])
    }
    expect(await count(db, 'split_rules')).toBe(before)
    // Its own program is fine.
    const own = await call(
      rulesAction,
      makeRequest('/finance/rules', {
        cookie,
        form: rule({ scope: 'program', uptId: bangli.id, programId: bangliProgram }),
      }),
    )
    expect(own.status).toBe(302)
    expect(await count(db, 'split_rules')).toBe(before + 1)
  })

  test('the domain refuses the same whoever calls it', async () => {
    const { db, kediri, bangli, kediriAgreement, kediriProgram } = await world()
    const base = {
      ruleKey: undefined,
      base: 'sales' as const,
      shares: { pnbp: 0, premi: 5000, production: 5000, partner: 0, operations: 0 },
      effectiveFrom: '2026-01-01',
      actorUserId: null,
    }
    await expect(
      saveSplitRule(db, {
        ...base,
        scope: 'agreement',
        uptId: bangli.id,
        programId: null,
        agreementId: kediriAgreement.id,
      }),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(
      saveSplitRule(db, { ...base, scope: 'program', uptId: bangli.id, programId: kediriProgram, agreementId: null }),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(
      saveSplitRule(db, { ...base, scope: 'upt', uptId: GHOST, programId: null, agreementId: null }),
    ).rejects.toBeInstanceOf(NotFoundError)
    // A new version keeps the rule's scope and UPT.
    const kediriRule = await saveSplitRule(db, {
      ...base,
      scope: 'upt',
      uptId: kediri.id,
      programId: null,
      agreementId: null,
    })
    await expect(
      saveSplitRule(db, {
        ...base,
        ruleKey: kediriRule.rule_key,
        scope: 'upt',
        uptId: bangli.id,
        programId: null,
        agreementId: null,
      }),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(
      saveSplitRule(db, {
        ...base,
        ruleKey: GHOST,
        scope: 'upt',
        uptId: bangli.id,
        programId: null,
        agreementId: null,
      }),
    ).rejects.toBeInstanceOf(NotFoundError)
  })

  test("an agreement or program rule written for another UPT never applies to Kediri's sales", async () => {
    const { db, kediri, bangli, kediriAgreement, kediriProgram } = await world()
    await ensureNationalSplitRule(db)
    // Rows as the unscoped form used to save them: Bangli's UPT, Kediri's agreement and program, PNBP 0%.
    const now = new Date().toISOString()
    for (const [scope, programId, agreementId] of [
      ['agreement', null, kediriAgreement.id],
      ['program', kediriProgram, null],
    ] as const) {
      await db
        .insertInto('split_rules')
        .values({
          id: `${scope}-${GHOST}`,
          rule_key: `${scope}-${GHOST}`,
          version: 1,
          scope,
          upt_id: bangli.id,
          program_id: programId,
          agreement_id: agreementId,
          base: 'sales',
          pnbp_bp: 0,
          premi_bp: 5000,
          production_bp: 5000,
          partner_bp: 0,
          operations_bp: 0,
          effective_from: '2026-01-01',
          note: null,
          created_at: now,
          created_by: null,
        })
        .execute()
    }
    const national = await resolveSplitRule(db, {
      uptId: kediri.id,
      programId: null,
      agreementId: null,
      date: '2026-11-01',
    })
    expect(national?.scope).toBe('national')
    const resolved = await resolveSplitRule(db, {
      uptId: kediri.id,
      programId: kediriProgram,
      agreementId: kediriAgreement.id,
      date: '2026-11-01',
    })
    expect(resolved?.id).toBe(national?.id)
    const posted = await postPaymentConfirmed(db, {
      reference: 'transfer:kediri-1',
      uptId: kediri.id,
      provider: 'bank_transfer',
      grossAmount: 1_000_000,
      paidAt: '2026-11-03T02:00:00Z',
      agreementId: kediriAgreement.id,
      sourceType: 'sub_order',
      sourceId: 'x',
    })
    const pnbp = await db
      .selectFrom('ledger_lines')
      .select('credit')
      .where('entry_id', '=', posted.entry.id)
      .where('account', '=', 'pnbp_payable')
      .executeTakeFirstOrThrow()
    expect(pnbp.credit).toBe(150_000)
    // Bangli's own agreement/program rules still apply to Bangli's sales of that agreement.
    const bangliRule = await resolveSplitRule(db, {
      uptId: bangli.id,
      programId: kediriProgram,
      agreementId: kediriAgreement.id,
      date: '2026-11-01',
    })
    expect(bangliRule?.scope).toBe('agreement')
  })
})

describe('products name only programs of their UPT', () => {
  test('a program of another UPT or a made-up id is refused on create and edit; the UPT’s own program is kept', async () => {
    const db = testDb()
    const { a: kediri, b: bangli } = await twoUpts(db)
    const { programId: own } = await createProgramWithNeed(db, kediri.id)
    const { programId: foreign } = await createProgramWithNeed(db, bangli.id)
    const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
    const cookie = await sessionCookieFor(db, staff.id)
    const form = (programId: string) => ({
      name: 'Kain tenun uji',
      description: 'Kain tenun ikat dari program.',
      sectorId: 'tenun',
      programId,
      price: '350000',
      stockMode: 'stock',
      stock: '4',
      unit: 'lembar',
      weightGrams: '400',
      status: 'draft',
    })
    const before = await count(db, 'products')
    for (const programId of [foreign, GHOST]) {
      const r = await call(
        newProductAction,
        makeRequest(`/upt/${kediri.id}/products/new`, { cookie, form: form(programId) }),
        { uptId: kediri.id },
      )
      expect(r.status, programId).toBe(404)
      expect(r.data.error.programId).toEqual(['catalog.programNotInUpt'])
    }
    expect(await count(db, 'products')).toBe(before)
    const created = await call(
      newProductAction,
      makeRequest(`/upt/${kediri.id}/products/new`, { cookie, form: form(own) }),
      { uptId: kediri.id },
    )
    expect(created.status).toBe(302)
    const product = await db
      .selectFrom('products')
      .select(['id', 'program_id', 'updated_at'])
      .where('upt_id', '=', kediri.id)
      .executeTakeFirstOrThrow()
    expect(product.program_id).toBe(own)
    const edit = await call(
      productAction,
      makeRequest(`/upt/${kediri.id}/products/${product.id}`, { cookie, form: { intent: 'save', ...form(foreign) } }),
      { uptId: kediri.id, productId: product.id },
    )
    expect(edit.status).toBe(404)
    expect(
      (await db.selectFrom('products').select('program_id').where('id', '=', product.id).executeTakeFirstOrThrow())
        .program_id,
    ).toBe(own)
  })

  test('the domain edits a product only inside the given UPT', async () => {
    const db = testDb()
    const { a: kediri, b: bangli } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
    const bangliProduct = await createProductRow(db, { uptId: bangli.id, name: 'Kopi Bangli' })
    const input = {
      name: 'Diubah',
      description: 'Deskripsi yang cukup panjang.',
      sectorId: 'food',
      price: 1,
      stockMode: 'stock' as const,
      stock: 1,
      unit: 'pcs',
      weightGrams: 0,
      status: 'draft' as const,
    }
    await expect(
      updateProduct(db, { ...input, uptId: kediri.id, productId: bangliProduct.id, actorUserId: staff.id }),
    ).rejects.toBeInstanceOf(NotFoundError)
    expect(
      (await db.selectFrom('products').select('name').where('id', '=', bangliProduct.id).executeTakeFirstOrThrow())
        .name,
    ).toBe('Kopi Bangli')
    await expect(
      createProduct(db, { ...input, programId: GHOST, uptId: kediri.id, actorUserId: staff.id }),
    ).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('proposals, partner decisions and grants check the acting scope in the domain', () => {
  test('a partner proposes only with its own offer; a UPT only for its own need', async () => {
    const db = testDb()
    const { a: kediri, b: bangli } = await twoUpts(db)
    const partner = await createPartner(db)
    const other = await createPartner(db)
    const offer = await createOffer(db, partner.id, { provinces: ['35', '51'] })
    const { needId } = await createProgramWithNeed(db, kediri.id)
    const user = await createUser(db, { role: 'partner_member', partnerId: other.id })
    await expect(
      propose(
        db,
        { offerId: offer.id, needId, quantity: 1, side: 'partner', actingFor: other.id },
        { userId: user.id },
      ),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(
      propose(db, { offerId: offer.id, needId, quantity: 1, side: 'upt', actingFor: bangli.id }, { userId: user.id }),
    ).rejects.toBeInstanceOf(NotFoundError)
    expect(await count(db, 'proposals')).toBe(0)
    await propose(
      db,
      { offerId: offer.id, needId, quantity: 1, side: 'upt', actingFor: kediri.id },
      { userId: user.id },
    )
    expect(await count(db, 'proposals')).toBe(1)
  })

  test('a Kanwil admin decides only on partners serving a province of that Kanwil', async () => {
    const db = testDb()
    const partner = await createPartner(db, { status: 'pending' })
    await db.insertInto('partner_provinces').values({ partner_id: partner.id, province_id: '35' }).execute()
    await addLegalDocumentRows(db, partner.id)
    const admin = await createUser(db, { role: 'admin', kanwilId: 'kanwil-33', totp: true })
    await expect(
      decidePartner(db, { partnerId: partner.id, decision: 'verify', actorUserId: admin.id, kanwilId: 'kanwil-33' }),
    ).rejects.toBeInstanceOf(NotFoundError)
    expect(
      (await db.selectFrom('partners').select('status').where('id', '=', partner.id).executeTakeFirstOrThrow()).status,
    ).toBe('pending')
    await decidePartner(db, { partnerId: partner.id, decision: 'verify', actorUserId: admin.id, kanwilId: 'kanwil-35' })
    expect(
      (await db.selectFrom('partners').select('status').where('id', '=', partner.id).executeTakeFirstOrThrow()).status,
    ).toBe('verified')
  })

  test("a Kanwil admin revokes only staff of that Kanwil's UPTs; an already revoked grant is 404, not 500", async () => {
    const db = testDb()
    const { a: kediri } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: kediri.id })
    const grant = await db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', staff.id)
      .executeTakeFirstOrThrow()
    const jateng = await createUser(db, { role: 'admin', kanwilId: 'kanwil-33', totp: true })
    const jatim = await createUser(db, { role: 'admin', kanwilId: kediri.kanwil_id, totp: true })
    await expect(
      revokeGrant(db, { assignmentId: grant.id, actorUserId: jateng.id, kanwilId: 'kanwil-33' }),
    ).rejects.toBeInstanceOf(NotFoundError)
    const cookie = await sessionCookieFor(db, jatim.id)
    const first = await call(
      usersAction,
      makeRequest('/admin/users', { cookie, form: { intent: 'revoke', assignmentId: grant.id } }),
    )
    expect(first.status).toBe(302)
    const again = await call(
      usersAction,
      makeRequest('/admin/users', { cookie, form: { intent: 'revoke', assignmentId: grant.id } }),
    )
    expect(again.status).toBe(404)
  })
})

describe('the cart changes only what is in it', () => {
  test('removing or updating a product that is not in the cart is refused (400) and changes nothing', async () => {
    const db = testDb()
    const { a: kediri } = await twoUpts(db)
    const inCart = await createProductRow(db, { uptId: kediri.id })
    const elsewhere = await createProductRow(db, { uptId: kediri.id })
    const buyer = await createUser(db, { role: 'buyer' })
    const { cartId } = await ensureCart(db, { userId: buyer.id })
    await addToCart(db, cartId, inCart.id, 1)
    const { cartId: otherCart } = await ensureCart(db, {})
    await addToCart(db, otherCart, elsewhere.id, 2)
    const cookie = await sessionCookieFor(db, buyer.id)
    for (const form of [
      { intent: 'remove', productId: elsewhere.id } as Record<string, string>,
      { intent: 'remove', productId: GHOST },
      { intent: 'update', productId: elsewhere.id, qty: '1' },
    ]) {
      const r = await call(cartAction, makeRequest('/cart', { cookie, form }))
      expect(r.status, JSON.stringify(form)).toBe(400)
    }
    expect(await db.selectFrom('cart_items').select(['cart_id', 'product_id', 'qty']).orderBy('qty').execute()).toEqual(
      [
        { cart_id: cartId, product_id: inCart.id, qty: 1 },
        { cart_id: otherCart, product_id: elsewhere.id, qty: 2 },
      ],
    )
    expect(
      (await call(cartAction, makeRequest('/cart', { cookie, form: { intent: 'remove', productId: inCart.id } })))
        .status,
    ).toBe(302)
    expect(await count(db, 'cart_items')).toBe(1)
  })
})
