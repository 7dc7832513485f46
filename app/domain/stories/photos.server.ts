import sharp from 'sharp'
import { DomainError } from '#app/domain/errors.ts'
import { MAX_UPLOAD_BYTES, sniffImage } from '#app/domain/catalog/images.server.ts'
import { getStorage } from '#app/integrations/storage/index.server.ts'
import { storeUpload } from '#app/domain/uploads/storage.server.ts'
import { newId } from '#app/lib/ids.ts'

export interface PhotoUpload {
  /** the form field, for the message next to it */
  field: string
  bytes: Uint8Array
  alt: string
}
export interface StoredPhoto {
  id: string
  fileName: string
  thumbName: string
  width: number
  height: number
  alt: string
}

/**
 * Checks, re-encodes and stores story photos as product photos are (ADR 025): size cap, magic
 * bytes, WebP at most 1600 px plus a 800×450 thumbnail for cards; re-encoding drops EXIF and GPS.
 * All are encoded before any is stored, and any stored ones are removed again if one fails;
 * the caller removes them (`forgetPhotos`) when its own write fails afterwards.
 */
export async function storeStoryPhotos(uploads: PhotoUpload[]): Promise<StoredPhoto[]> {
  const encoded: { field: string; full: Buffer; thumb: Buffer; width: number; height: number; alt: string }[] = []
  for (const u of uploads) {
    if (u.bytes.length > MAX_UPLOAD_BYTES) throw new DomainError('upload.tooLarge', u.field)
    if (!sniffImage(u.bytes)) throw new DomainError('upload.badType', u.field)
    try {
      const img = sharp(u.bytes, { limitInputPixels: 40_000_000 }).rotate()
      const full = await img
        .clone()
        .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true })
      const thumb = await img.clone().resize({ width: 800, height: 450, fit: 'cover' }).webp({ quality: 75 }).toBuffer()
      encoded.push({
        field: u.field,
        full: full.data,
        thumb,
        width: full.info.width,
        height: full.info.height,
        alt: u.alt,
      })
    } catch {
      throw new DomainError('upload.badType', u.field)
    }
  }
  const stored: StoredPhoto[] = []
  try {
    for (const e of encoded) {
      const id = newId()
      const photo = {
        id,
        fileName: `story-${id}.webp`,
        thumbName: `story-${id}-thumb.webp`,
        width: e.width,
        height: e.height,
        alt: e.alt,
      }
      await storeUpload(photo.fileName, e.full, 'image/webp', e.field)
      stored.push({ ...photo, thumbName: '' })
      await storeUpload(photo.thumbName, e.thumb, 'image/webp', e.field)
      stored[stored.length - 1] = photo
    }
  } catch (error) {
    await forgetPhotos(stored)
    throw error
  }
  return stored
}

/** Removes stored photos whose rows were never written (what is left is the sweep's). */
export async function forgetPhotos(photos: StoredPhoto[]) {
  const storage = getStorage()
  await Promise.all(
    photos.flatMap((p) =>
      [p.fileName, p.thumbName].filter(Boolean).map((key) => storage.remove(key).catch(() => undefined)),
    ),
  )
}
