import { describe, expect, test } from 'vitest'
import { action as reviewAction, loader as reviewLoader } from '#app/routes/account.orders.$number_.review.$lineId.tsx'
import { action as guestReviewAction } from '#app/routes/orders.$number.$token_.review.$lineId.tsx'
import { loader as myOrderLoader } from '#app/routes/account.orders.$number.tsx'
import { loader as productLoader } from '#app/routes/products.$slug.tsx'
import { action as moderationAction, loader as moderationLoader } from '#app/routes/upt.$uptId.reviews.tsx'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { markSubOrdersPaid, staffTransition } from '#app/domain/orders/fulfilment.ts'
import { saveReview } from '#app/domain/reviews/buyer.ts'
import { productRating } from '#app/domain/reviews/queries.ts'
import type { DB } from '#db/client.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { BUYER, createProductRow } from '#tests/factories-market.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

/** An order of `userId` (or a guest's) for the given products, taken as far as `until`. */
async function order(
  db: DB,
  userId: string | null,
  productIds: string[],
  until: 'paid' | 'shipped' | 'completed',
  buyerName = 'Dewi Lestari',
) {
  const { cartId } = await ensureCart(db, {})
  for (const id of productIds) await addToCart(db, cartId, id, 1)
  const placed = await placeOrder(db, { cartId, userId, ...BUYER, buyerName })
  await db.transaction().execute((trx) => markSubOrdersPaid(trx, placed.orderId, { reference: 'test' }))
  const subs = await db
    .selectFrom('sub_orders')
    .select(['id', 'upt_id'])
    .where('order_id', '=', placed.orderId)
    .execute()
  for (const s of subs) {
    if (until === 'paid') break
    await staffTransition(db, { uptId: s.upt_id, subOrderId: s.id, event: 'process' })
    await staffTransition(db, {
      uptId: s.upt_id,
      subOrderId: s.id,
      event: 'ship',
      courier: 'JNE',
      trackingNumber: 'JNE1',
    })
    if (until === 'completed') await staffTransition(db, { uptId: s.upt_id, subOrderId: s.id, event: 'complete' })
  }
  const lines = await db
    .selectFrom('order_lines as l')
    .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
    .select(['l.id', 'l.product_id', 's.upt_id'])
    .where('s.order_id', '=', placed.orderId)
    .execute()
  return { ...placed, lines }
}

async function buyer(db: DB) {
  const user = await createUser(db, { role: 'buyer' })
  return { user, cookie: await sessionCookieFor(db, user.id) }
}

const good = { rating: '5', body: 'Kainnya halus, warnanya rapi, pengiriman cepat.', showName: 'on' }

describe('review eligibility', () => {
  test('the buyer of a completed line reviews it once; a second save edits the same review', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const { user, cookie } = await buyer(db)
    const o = await order(db, user.id, [p.id], 'completed')
    const lineId = o.lines[0]!.id
    const params = { number: o.orderNumber, lineId }
    const page = await call(
      reviewLoader,
      makeRequest(`/account/orders/${o.orderNumber}/review/${lineId}`, { cookie }),
      params,
    )
    expect(page.status).toBe(200)
    expect(page.data.line.reviewable).toBe(true)
    const first = await call(
      reviewAction,
      makeRequest(`/account/orders/${o.orderNumber}/review/${lineId}`, { cookie, form: good }),
      params,
    )
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe(`/account/orders/${o.orderNumber}#line-${lineId}`)
    const again = await call(
      reviewAction,
      makeRequest(`/account/orders/${o.orderNumber}/review/${lineId}`, { cookie, form: { ...good, rating: '4' } }),
      params,
    )
    expect(again.status).toBe(302)
    const rows = await db.selectFrom('product_reviews').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      rating: 4,
      reviewer_name: 'Dewi L.',
      user_id: user.id,
      product_id: p.id,
      upt_id: a.id,
    })
    // The order page shows the stars and the edit link.
    const mine = await call(myOrderLoader, makeRequest(`/account/orders/${o.orderNumber}`, { cookie }), {
      number: o.orderNumber,
    })
    expect(mine.data.reviews[lineId]).toEqual({ rating: 4, editable: true, hidden: false })
  })

  test('a line whose sub-order is not completed cannot be reviewed, and nothing is written', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const { user, cookie } = await buyer(db)
    for (const until of ['paid', 'shipped'] as const) {
      const o = await order(db, user.id, [p.id], until)
      const lineId = o.lines[0]!.id
      const r = await call(
        reviewAction,
        makeRequest(`/account/orders/${o.orderNumber}/review/${lineId}`, { cookie, form: good }),
        { number: o.orderNumber, lineId },
      )
      expect(r.status, until).toBe(400)
      expect(JSON.stringify(r.data)).toContain('review.notCompleted')
    }
    expect(await db.selectFrom('product_reviews').selectAll().execute()).toHaveLength(0)
  })

  test("another buyer's order or line is not found; a line of another order is not found on this one", async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const dewi = await buyer(db)
    const budi = await buyer(db)
    const hers = await order(db, dewi.user.id, [p.id], 'completed')
    const his = await order(db, budi.user.id, [p.id], 'completed')
    const theirs = hers.lines[0]!.id
    // Budi cannot open Dewi's order...
    const foreign = await call(
      reviewAction,
      makeRequest(`/account/orders/${hers.orderNumber}/review/${theirs}`, { cookie: budi.cookie, form: good }),
      { number: hers.orderNumber, lineId: theirs },
    )
    expect(foreign.status).toBe(404)
    // ...nor put her line under his own order's URL.
    const swapped = await call(
      reviewAction,
      makeRequest(`/account/orders/${his.orderNumber}/review/${theirs}`, { cookie: budi.cookie, form: good }),
      { number: his.orderNumber, lineId: theirs },
    )
    expect(swapped.status).toBe(404)
    expect(await db.selectFrom('product_reviews').selectAll().execute()).toHaveLength(0)
  })

  test('a guest reviews through the secret link; a wrong token is not found; bad input is refused next to the field', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const o = await order(db, null, [p.id], 'completed', 'Rahmat')
    const lineId = o.lines[0]!.id
    const path = `/orders/${o.orderNumber}/${o.token}/review/${lineId}`
    const wrong = await call(guestReviewAction, makeRequest(path, { form: good }), {
      number: o.orderNumber,
      token: 'x'.repeat(43),
      lineId,
    })
    expect(wrong.status).toBe(404)
    const bad = await call(guestReviewAction, makeRequest(path, { form: { rating: '6', body: 'pendek' } }), {
      number: o.orderNumber,
      token: o.token,
      lineId,
    })
    expect(bad.status).toBe(400)
    expect(bad.data.error.rating).toEqual(['review.ratingRequired'])
    expect(bad.data.error.body).toEqual(['review.bodyShort'])
    const long = await call(guestReviewAction, makeRequest(path, { form: { rating: '3', body: 'a'.repeat(1001) } }), {
      number: o.orderNumber,
      token: o.token,
      lineId,
    })
    expect(long.data.error.body).toEqual(['review.bodyLong'])
    expect(await db.selectFrom('product_reviews').selectAll().execute()).toHaveLength(0)
    const ok = await call(guestReviewAction, makeRequest(path, { form: good }), {
      number: o.orderNumber,
      token: o.token,
      lineId,
    })
    expect(ok.status).toBe(302)
    // A one-word name is never shown in full: the review is by "Pembeli".
    expect(
      (await db.selectFrom('product_reviews').select('reviewer_name').executeTakeFirstOrThrow()).reviewer_name,
    ).toBe('')
  })

  test('a review can be changed for 30 days, not after', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const { user } = await buyer(db)
    const o = await order(db, user.id, [p.id], 'completed')
    const input = {
      orderId: o.orderId,
      lineId: o.lines[0]!.id,
      userId: user.id,
      rating: 5,
      body: 'Bagus sekali, terima kasih.',
      showName: true,
    }
    const written = new Date()
    await saveReview(db, { ...input, now: written })
    await saveReview(db, { ...input, rating: 4, now: new Date(written.getTime() + 29 * 86_400_000) })
    await expect(
      saveReview(db, { ...input, rating: 1, now: new Date(written.getTime() + 31 * 86_400_000) }),
    ).rejects.toThrow('review.editClosed')
    expect((await db.selectFrom('product_reviews').select('rating').executeTakeFirstOrThrow()).rating).toBe(4)
  })
})

describe('moderation by the selling UPT', () => {
  test('staff reply and hide with a reason (audited); hidden reviews leave the page and the average; another UPT cannot touch them', async () => {
    const db = testDb()
    const { a, b } = await twoUpts(db)
    const p = await createProductRow(db, { uptId: a.id })
    const staffA = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const staffB = await createUser(db, { role: 'upt_staff', uptId: b.id })
    const cookieA = await sessionCookieFor(db, staffA.id)
    const cookieB = await sessionCookieFor(db, staffB.id)
    const ratings = [5, 4, 1]
    for (const rating of ratings) {
      const { user } = await buyer(db)
      const o = await order(db, user.id, [p.id], 'completed')
      await saveReview(db, {
        orderId: o.orderId,
        lineId: o.lines[0]!.id,
        userId: user.id,
        rating,
        body: `Ulasan dengan nilai ${rating} bintang.`,
        showName: true,
      })
    }
    expect(await productRating(db, p.id)).toEqual({ average: 3.3, count: 3 })
    const abusive = (
      await db.selectFrom('product_reviews').select('id').where('rating', '=', 1).executeTakeFirstOrThrow()
    ).id

    const list = await call(moderationLoader, makeRequest(`/upt/${a.id}/reviews`, { cookie: cookieA }), { uptId: a.id })
    expect(list.data.reviews.total).toBe(3)

    // Another UPT's staff: their own page has nothing, and the id is not found there.
    const foreign = await call(
      moderationAction,
      makeRequest(`/upt/${b.id}/reviews`, {
        cookie: cookieB,
        form: { intent: 'hide', reviewId: abusive, reason: 'Menyebut nama warga binaan' },
      }),
      { uptId: b.id },
    )
    expect(foreign.status).toBe(404)
    const notTheirs = await call(
      moderationAction,
      makeRequest(`/upt/${a.id}/reviews`, {
        cookie: cookieB,
        form: { intent: 'hide', reviewId: abusive, reason: 'Menyebut nama warga binaan' },
      }),
      { uptId: a.id },
    )
    expect(notTheirs.status).toBe(403)
    // A reason is required.
    const noReason = await call(
      moderationAction,
      makeRequest(`/upt/${a.id}/reviews`, { cookie: cookieA, form: { intent: 'hide', reviewId: abusive, reason: '' } }),
      { uptId: a.id },
    )
    expect(noReason.status).toBe(400)
    expect(noReason.data.error.reason).toEqual(['review.reasonRequired'])
    expect(
      (await db.selectFrom('product_reviews').select('hidden_at').where('id', '=', abusive).executeTakeFirstOrThrow())
        .hidden_at,
    ).toBeNull()

    const hide = await call(
      moderationAction,
      makeRequest(`/upt/${a.id}/reviews`, {
        cookie: cookieA,
        form: { intent: 'hide', reviewId: abusive, reason: 'Menyebut nama warga binaan' },
      }),
      { uptId: a.id },
    )
    expect(hide.status).toBe(302)
    const reply = await call(
      moderationAction,
      makeRequest(`/upt/${a.id}/reviews`, {
        cookie: cookieA,
        form: {
          intent: 'reply',
          reviewId: abusive.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
          reply: 'Terima kasih.',
        },
      }),
      { uptId: a.id },
    )
    expect(reply.status).toBe(404)
    const top = (await db.selectFrom('product_reviews').select('id').where('rating', '=', 5).executeTakeFirstOrThrow())
      .id
    expect(
      (
        await call(
          moderationAction,
          makeRequest(`/upt/${a.id}/reviews`, {
            cookie: cookieA,
            form: { intent: 'reply', reviewId: top, reply: 'Terima kasih atas ulasannya!' },
          }),
          { uptId: a.id },
        )
      ).status,
    ).toBe(302)

    // Hidden: out of the average and the page; the reply shows.
    expect(await productRating(db, p.id)).toEqual({ average: 4.5, count: 2 })
    const page = await call(productLoader, makeRequest(`/products/${p.slug}`), { slug: p.slug })
    expect(page.data.rating).toEqual({ average: 4.5, count: 2 })
    expect(page.data.reviews.rows.map((r: { rating: number }) => r.rating).sort()).toEqual([4, 5])
    expect(page.data.reviews.rows.find((r: { rating: number }) => r.rating === 5).reply).toBe(
      'Terima kasih atas ulasannya!',
    )
    const audits = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'target_id', 'details'])
      .where('action', 'like', 'review.%')
      .orderBy('at')
      .execute()
    expect(audits.map((x) => x.action)).toEqual(['review.hide', 'review.reply'])
    expect(audits[0]).toMatchObject({ actor_user_id: staffA.id, target_id: abusive })
    expect(JSON.parse(audits[0]!.details!)).toEqual({ reason: 'Menyebut nama warga binaan' })

    // The buyer can no longer change a hidden review.
    const hidden = await db
      .selectFrom('product_reviews as r')
      .innerJoin('order_lines as l', 'l.id', 'r.order_line_id')
      .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
      .select(['s.order_id', 'l.id', 'r.user_id'])
      .where('r.id', '=', abusive)
      .executeTakeFirstOrThrow()
    await expect(
      saveReview(db, {
        orderId: hidden.order_id,
        lineId: hidden.id,
        userId: hidden.user_id,
        rating: 5,
        body: 'Saya ubah jadi bagus.',
        showName: true,
      }),
    ).rejects.toThrow('review.hiddenLocked')

    // Shown again: back in the average.
    expect(
      (
        await call(
          moderationAction,
          makeRequest(`/upt/${a.id}/reviews`, { cookie: cookieA, form: { intent: 'unhide', reviewId: abusive } }),
          { uptId: a.id },
        )
      ).status,
    ).toBe(302)
    expect(await productRating(db, p.id)).toEqual({ average: 3.3, count: 3 })
  })
})
