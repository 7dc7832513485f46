import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { action as newProductAction } from '#app/routes/upt.$uptId.products.new.tsx'
import { action as editAction } from '#app/routes/upt.$uptId.products.$productId.tsx'
import { addProductImage } from '#app/domain/catalog/images.server.ts'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { call, makeRequest } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'
import { useUploadBackend } from '#tests/support/upload-backends.ts'

/** Issue 14, item 6: a product is published only with a photo, and keeps one while published. */
describe('a product cannot be published without a photo', () => {
  useUploadBackend('local')

  test('new, edited and last-photo-removed: refused next to the field with nothing written; with a photo it publishes', async () => {
    const db = testDb()
    const { a } = await twoUpts(db)
    const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
    const cookie = await sessionCookieFor(db, staff.id)
    const form = {
      name: 'Keset Sabut Kelapa',
      sectorId: 'crafts',
      description: 'Keset sabut kelapa anyaman tangan, 60 x 40 cm.',
      price: '45000',
      stockMode: 'stock',
      stock: '20',
      unit: 'buah',
      weightGrams: '800',
      status: 'published',
    }

    const bare = await call(newProductAction, makeRequest(`/upt/${a.id}/products/new`, { cookie, form }), {
      uptId: a.id,
    })
    expect(bare.status).toBe(400)
    expect(bare.data.error.status).toEqual(['catalog.photoRequired'])
    expect(await db.selectFrom('products').select('id').execute()).toEqual([])

    expect(
      (
        await call(
          newProductAction,
          makeRequest(`/upt/${a.id}/products/new`, { cookie, form: { ...form, status: 'draft' } }),
          { uptId: a.id },
        )
      ).status,
    ).toBe(302)
    const product = await db.selectFrom('products').select(['id', 'status', 'updated_at']).executeTakeFirstOrThrow()
    const params = { uptId: a.id, productId: product.id }
    const path = `/upt/${a.id}/products/${product.id}`
    const publish = await call(editAction, makeRequest(path, { cookie, form: { intent: 'save', ...form } }), params)
    expect(publish.status).toBe(400)
    expect(publish.data.error.status).toEqual(['catalog.photoRequired'])
    expect(await db.selectFrom('products').select(['id', 'status', 'updated_at']).executeTakeFirstOrThrow()).toEqual(
      product,
    )

    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#7a4b1e' } })
      .png()
      .toBuffer()
    const photo = await addProductImage(db, { productId: product.id, bytes: png, alt: 'Keset sabut kelapa' })
    expect(
      (await call(editAction, makeRequest(path, { cookie, form: { intent: 'save', ...form } }), params)).status,
    ).toBe(302)
    expect((await db.selectFrom('products').select('status').executeTakeFirstOrThrow()).status).toBe('published')

    // Its only photo stays while it is published.
    const last = await call(
      editAction,
      makeRequest(path, { cookie, form: { intent: 'remove-image', imageId: photo.id } }),
      params,
    )
    expect(last.status).toBe(400)
    expect(last.data.upload).toEqual(['catalog.lastPhoto'])
    expect(await db.selectFrom('product_images').select('id').execute()).toHaveLength(1)
    // Back to draft, it can go.
    expect(
      (
        await call(
          editAction,
          makeRequest(path, { cookie, form: { intent: 'save', ...form, status: 'draft' } }),
          params,
        )
      ).status,
    ).toBe(302)
    expect(
      (
        await call(
          editAction,
          makeRequest(path, { cookie, form: { intent: 'remove-image', imageId: photo.id } }),
          params,
        )
      ).status,
    ).toBe(302)
    expect(await db.selectFrom('product_images').select('id').execute()).toHaveLength(0)
  })
})
