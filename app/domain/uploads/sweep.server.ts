import type { DB } from '#db/client.ts'
import { log } from '#app/lib/log.server.ts'
import { PKS_FILE_NAME } from '#app/domain/agreements/pks-documents.server.ts'
import { PHOTO_FILE_NAME, STORY_PHOTO_FILE_NAME } from '#app/domain/catalog/images.server.ts'
import { PROOF_FILE_NAME } from '#app/domain/payments/proofs.server.ts'
import { LEGAL_FILE_NAME } from '#app/domain/partners/legal-documents.server.ts'
import { getStorage, LEGAL_FOLDER, PKS_FOLDER, PROOFS_FOLDER } from '#app/integrations/storage/index.server.ts'

const nameOf = (key: string) => key.slice(key.lastIndexOf('/') + 1)

/** A file younger than this may belong to an upload whose row is still being written. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000

/**
 * Uploads are stored before their database row (so no row ever points at a missing file); a
 * crash or a refusal in between, or a removal that failed after its row was deleted, leaves a
 * file no row names. This removes such files once they are a day old, from every folder of the
 * upload storage (product photos, transfer proofs, PKS documents), in either backend. Only names
 * the portal makes are considered; anything else in the folder or bucket is left alone.
 * Several instances may run it at once: removing a removed object is not an error.
 */
export async function sweepOrphanUploads(db: DB, now: Date = new Date()) {
  // Each `known` answers which of the given names a row still names (asked in small batches).
  const folders: { folder: string; pattern: RegExp; known: (names: string[]) => Promise<string[]> }[] = [
    {
      folder: '',
      pattern: PHOTO_FILE_NAME,
      known: async (names) =>
        (
          await db
            .selectFrom('product_images')
            .select(['file_name', 'thumb_name'])
            .where((eb) => eb.or([eb('file_name', 'in', names), eb('thumb_name', 'in', names)]))
            .execute()
        ).flatMap((r) => [r.file_name, r.thumb_name]),
    },
    {
      folder: '',
      pattern: STORY_PHOTO_FILE_NAME,
      known: async (names) =>
        (
          await db
            .selectFrom('story_photos')
            .select(['file_name', 'thumb_name'])
            .where((eb) => eb.or([eb('file_name', 'in', names), eb('thumb_name', 'in', names)]))
            .execute()
        ).flatMap((r) => [r.file_name, r.thumb_name]),
    },
    {
      folder: PROOFS_FOLDER,
      pattern: PROOF_FILE_NAME,
      known: async (names) =>
        (await db.selectFrom('payments').select('proof_file').where('proof_file', 'in', names).execute()).map(
          (r) => r.proof_file!,
        ),
    },
    {
      folder: PKS_FOLDER,
      pattern: PKS_FILE_NAME,
      known: async (names) =>
        (await db.selectFrom('agreement_documents').select('file_name').where('file_name', 'in', names).execute()).map(
          (r) => r.file_name,
        ),
    },
    {
      folder: LEGAL_FOLDER,
      pattern: LEGAL_FILE_NAME,
      known: async (names) =>
        (await db.selectFrom('partner_documents').select('file_name').where('file_name', 'in', names).execute()).map(
          (r) => r.file_name,
        ),
    },
  ]
  const storage = getStorage()
  const removed: string[] = []
  for (const f of folders) {
    const candidates: string[] = []
    for await (const o of storage.list(f.folder)) {
      if (f.pattern.test(o.name) && now.getTime() - o.modifiedAt.getTime() > ORPHAN_AGE_MS) candidates.push(o.key)
    }
    // Read the rows after listing the files, so a row written meanwhile still protects its file.
    for (let i = 0; i < candidates.length; i += 200) {
      const batch = candidates.slice(i, i + 200)
      const known = new Set(await f.known(batch.map(nameOf)))
      for (const key of batch) {
        if (known.has(nameOf(key))) continue
        await storage.remove(key)
        removed.push(key)
      }
    }
  }
  if (removed.length) log.warn({ removed, location: storage.location }, `removed ${removed.length} orphaned upload(s)`)
  return removed
}
