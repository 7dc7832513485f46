import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { DomainError } from '#app/domain/errors.ts'
import { MAX_UPLOAD_BYTES, sniffImage, uploadDir } from '#app/domain/catalog/images.server.ts'
import { newId } from '#app/lib/ids.ts'

/**
 * A buyer's proof of transfer, with the marketplace's upload checks: size cap, magic bytes,
 * re-encoded to WebP (drops EXIF/GPS) under a server-made name, outside the public folder.
 */
export async function storeProof(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new DomainError('upload.empty', 'proof')
  if (bytes.length > MAX_UPLOAD_BYTES) throw new DomainError('upload.tooLarge', 'proof')
  if (!sniffImage(bytes)) throw new DomainError('upload.badType', 'proof')
  let out: Buffer
  try {
    out = await sharp(bytes, { limitInputPixels: 40_000_000 }).rotate().resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer()
  } catch {
    throw new DomainError('upload.badType', 'proof')
  }
  const name = `proof-${newId()}.webp`
  const dir = path.join(uploadDir(), 'proofs')
  await fs.mkdir(dir, { recursive: true })
  await fs.writeFile(path.join(dir, name), out)
  return name
}

/** The names storeProof gives, and the only ones read back. */
export const PROOF_FILE_NAME = /^proof-[0-9a-f-]{36}\.webp$/

export async function readProof(name: string): Promise<Buffer | null> {
  if (!PROOF_FILE_NAME.test(name)) return null
  try {
    return await fs.readFile(path.join(uploadDir(), 'proofs', name))
  } catch {
    return null
  }
}
