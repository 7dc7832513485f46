import { log } from '#app/lib/log.server.ts'
import sharp, { type OutputInfo } from 'sharp'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError } from '#app/domain/errors.ts'
import { getStorage, type StoredFile } from '#app/integrations/storage/index.server.ts'
import { readStoredUpload, storeUpload } from '#app/domain/uploads/storage.server.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { MAX_IMAGES } from './products.ts'

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

/** The names product photos are stored under (at the top of the upload storage), and the only ones read back. */
export const PHOTO_FILE_NAME = /^[0-9a-f-]{36}(-thumb)?\.webp$/

/** Only JPEG, PNG and WebP by their first bytes; SVG (script-capable) and everything else refused. */
export function sniffImage(buf: Uint8Array): 'jpeg' | 'png' | 'webp' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg'
  if (buf.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => buf[i] === b)) return 'png'
  if (
    buf.length >= 12 &&
    Buffer.from(buf.subarray(0, 4)).toString('ascii') === 'RIFF' &&
    Buffer.from(buf.subarray(8, 12)).toString('ascii') === 'WEBP'
  )
    return 'webp'
  return null
}

/**
 * Stores one product image: size cap, magic-byte check, re-encoded to WebP (which drops EXIF and
 * GPS metadata) at most 1600 px wide plus a 400 px thumbnail, under server-made names.
 */
export async function addProductImage(db: DB, input: { productId: string; bytes: Uint8Array; alt: string }) {
  if (input.bytes.length === 0) throw new DomainError('upload.empty', 'image')
  if (input.bytes.length > MAX_UPLOAD_BYTES) throw new DomainError('upload.tooLarge', 'image')
  if (!sniffImage(input.bytes)) throw new DomainError('upload.badType', 'image')
  // A quick refusal before the expensive work; the count that decides is the one inside the write transaction below.
  if ((await imageCount(db, input.productId)) >= MAX_IMAGES) throw new DomainError('upload.tooMany', 'image')
  let full: { data: Buffer; info: OutputInfo }
  let thumb: Buffer
  try {
    const img = sharp(input.bytes, { limitInputPixels: 40_000_000 }).rotate()
    full = await img
      .clone()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true })
    thumb = await img.clone().resize({ width: 400, height: 400, fit: 'cover' }).webp({ quality: 75 }).toBuffer()
  } catch {
    throw new DomainError('upload.badType', 'image')
  }
  const id = newId()
  const fileName = `${id}.webp`
  const thumbName = `${id}-thumb.webp`
  const storage = getStorage()
  // Stored before the row that names them: no row ever points at a missing file. Anything that
  // fails after this point removes them again (a crash leaves them to the hourly sweep).
  const written: string[] = []
  const forget = () => Promise.all(written.map((key) => storage.remove(key).catch(() => undefined)))
  try {
    await storeUpload(fileName, full.data, 'image/webp', 'image')
    written.push(fileName)
    await storeUpload(thumbName, thumb, 'image/webp', 'image')
    written.push(thumbName)
  } catch (error) {
    await forget()
    throw error
  }
  try {
    // Count and insert in one IMMEDIATE transaction: concurrent uploads queue here, so the limit holds.
    await inTransaction(db, async (trx) => {
      const n = await imageCount(trx, input.productId)
      if (n >= MAX_IMAGES) throw new DomainError('upload.tooMany', 'image')
      await trx
        .insertInto('product_images')
        .values({
          id,
          product_id: input.productId,
          file_name: fileName,
          thumb_name: thumbName,
          mime: 'image/webp',
          width: full.info.width,
          height: full.info.height,
          bytes: full.data.length,
          alt: input.alt,
          sort: n,
          created_at: nowIso(),
        })
        .execute()
    })
  } catch (error) {
    await forget()
    throw error
  }
  return { id, fileName, thumbName }
}

async function imageCount(db: DB, productId: string): Promise<number> {
  const row = await db
    .selectFrom('product_images')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Removes a photo of the product. The last photo of a published product stays (a published
 * product always has one, issue 14 item 6): the UPT unpublishes it first or adds another.
 */
export async function removeProductImage(db: DB, productId: string, imageId: string) {
  const row = await inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('product_images')
      .selectAll()
      .where('id', '=', imageId)
      .where('product_id', '=', productId)
      .executeTakeFirst()
    if (!found) return null
    const product = await trx
      .selectFrom('products')
      .select('status')
      .where('id', '=', productId)
      .executeTakeFirstOrThrow()
    if (product.status === 'published' && (await imageCount(trx, productId)) <= 1)
      throw new DomainError('catalog.lastPhoto', 'image')
    await trx.deleteFrom('product_images').where('id', '=', found.id).execute()
    return found
  })
  if (!row) return false
  // The row is gone first: a file left behind by a failed removal is an orphan the sweep removes.
  const storage = getStorage()
  for (const f of [row.file_name, row.thumb_name])
    await storage.remove(f).catch((error: unknown) => log.warn({ err: error, file: f }, 'photo not removed yet'))
  return true
}

/** Story photos (issue 15) are stored under these names, which PHOTO_FILE_NAME never matches. */
export const STORY_PHOTO_FILE_NAME = /^story-[0-9a-f-]{36}(-thumb)?\.webp$/

/** A stored product or story photo by a name the server made; anything else is not found. */
export async function readUpload(db: DB, name: string): Promise<StoredFile | null> {
  if (STORY_PHOTO_FILE_NAME.test(name)) {
    const photo = await db
      .selectFrom('story_photos')
      .select('id')
      .where((eb) => eb.or([eb('file_name', '=', name), eb('thumb_name', '=', name)]))
      .executeTakeFirst()
    return photo ? readStoredUpload(name) : null
  }
  if (!PHOTO_FILE_NAME.test(name)) return null
  const row = await db
    .selectFrom('product_images')
    .select('id')
    .where((eb) => eb.or([eb('file_name', '=', name), eb('thumb_name', '=', name)]))
    .executeTakeFirst()
  if (!row) return null
  return readStoredUpload(name)
}
