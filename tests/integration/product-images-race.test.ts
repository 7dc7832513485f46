import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { MAX_IMAGES } from '#app/domain/catalog/products.ts'
import { action as editAction } from '#app/routes/upt.$uptId.products.$productId.tsx'
import { createUser, sessionCookieFor, twoUpts } from '#tests/factories.ts'
import { createProductRow } from '#tests/factories-market.ts'
import { call } from '#tests/helpers.ts'
import { testDb } from '#tests/setup/setup-each.ts'

describe('product photos under concurrent uploads', () => {
  test(`16 uploads at once store exactly ${MAX_IMAGES} photos; the rest are refused and leave no file behind`, async () => {
    const db = testDb()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-uploads-race-'))
    process.env.UPLOAD_DIR = dir
    try {
      const { a } = await twoUpts(db)
      const p = await createProductRow(db, { uptId: a.id })
      const staff = await createUser(db, { role: 'upt_staff', uptId: a.id })
      const cookie = await sessionCookieFor(db, staff.id)
      const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#336699' } })
        .png()
        .toBuffer()
      const upload = () => {
        const fd = new FormData()
        fd.set('intent', 'upload')
        fd.set('alt', 'Foto produk')
        fd.set('image', new File([new Uint8Array(png)], 'foto.png', { type: 'image/png' }))
        const req = new Request(`http://localhost:3000/upt/${a.id}/products/${p.id}`, {
          method: 'POST',
          body: fd,
          headers: { Cookie: cookie, 'x-client-ip': '203.0.113.7' },
        })
        return call(editAction, req, { uptId: a.id, productId: p.id })
      }
      const results = await Promise.all(Array.from({ length: 16 }, upload))
      expect(results.filter((r) => r.status === 302)).toHaveLength(MAX_IMAGES)
      const refused = results.filter((r) => r.status !== 302)
      expect(refused).toHaveLength(16 - MAX_IMAGES)
      for (const r of refused) expect(r).toMatchObject({ status: 400, data: { upload: ['upload.tooMany'] } })

      const rows = await db
        .selectFrom('product_images')
        .select(['file_name', 'thumb_name', 'sort'])
        .where('product_id', '=', p.id)
        .orderBy('sort')
        .execute()
      expect(rows).toHaveLength(MAX_IMAGES)
      expect(rows.map((r) => r.sort)).toEqual(Array.from({ length: MAX_IMAGES }, (_, i) => i))
      // On disk: exactly the stored photos and their thumbnails, no orphan from a refused upload.
      expect(fs.readdirSync(dir).sort()).toEqual(rows.flatMap((r) => [r.file_name, r.thumb_name]).sort())
    } finally {
      delete process.env.UPLOAD_DIR
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
