import sharp from 'sharp'
import { DomainError } from '#app/domain/errors.ts'
import { MAX_UPLOAD_BYTES, sniffImage } from '#app/domain/catalog/images.server.ts'
import { readStoredUpload, storeUpload } from '#app/domain/uploads/storage.server.ts'
import { PROOFS_FOLDER, type StoredFile } from '#app/integrations/storage/index.server.ts'
import { newId } from '#app/lib/ids.ts'

/**
 * A buyer's proof of transfer, with the marketplace's upload checks: size cap, magic bytes,
 * re-encoded to WebP (drops EXIF/GPS) under a server-made name, in the private `proofs/` folder
 * of the upload storage (served only to finance of the UPT, after its access check).
 */
export async function storeProof(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new DomainError('upload.empty', 'proof')
  if (bytes.length > MAX_UPLOAD_BYTES) throw new DomainError('upload.tooLarge', 'proof')
  if (!sniffImage(bytes)) throw new DomainError('upload.badType', 'proof')
  let out: Buffer
  try {
    out = await sharp(bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer()
  } catch {
    throw new DomainError('upload.badType', 'proof')
  }
  const name = `proof-${newId()}.webp`
  await storeUpload(`${PROOFS_FOLDER}/${name}`, out, 'image/webp', 'proof')
  return name
}

/** The names storeProof gives, and the only ones read back. */
export const PROOF_FILE_NAME = /^proof-[0-9a-f-]{36}\.webp$/

export async function readProof(name: string): Promise<StoredFile | null> {
  if (!PROOF_FILE_NAME.test(name)) return null
  return readStoredUpload(`${PROOFS_FOLDER}/${name}`)
}
