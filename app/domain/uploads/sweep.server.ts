import fs from 'node:fs/promises'
import path from 'node:path'
import type { DB } from '#db/client.ts'
import { log } from '#app/lib/log.server.ts'
import { PKS_FILE_NAME } from '#app/domain/agreements/pks-documents.server.ts'
import { uploadDir } from '#app/domain/catalog/images.server.ts'
import { PROOF_FILE_NAME } from '#app/domain/payments/proofs.server.ts'

/** A file younger than this may belong to an upload whose row is still being written. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000

/**
 * Uploads are written to disk before their database row (so no row ever points at a missing
 * file); a crash or a refusal in between leaves a file no row names. This removes such files
 * from the private folders (transfer proofs, PKS documents) once they are a day old.
 */
export async function sweepOrphanUploads(db: DB, now: Date = new Date()) {
  const folders: { dir: string; pattern: RegExp; known: () => Promise<Set<string>> }[] = [
    {
      dir: 'proofs',
      pattern: PROOF_FILE_NAME,
      known: async () => new Set((await db.selectFrom('payments').select('proof_file').where('proof_file', 'is not', null).execute()).map((r) => r.proof_file!)),
    },
    {
      dir: 'pks',
      pattern: PKS_FILE_NAME,
      known: async () => new Set((await db.selectFrom('agreement_documents').select('file_name').execute()).map((r) => r.file_name)),
    },
  ]
  const removed: string[] = []
  for (const f of folders) {
    const dir = path.join(uploadDir(), f.dir)
    let names: string[]
    try {
      names = await fs.readdir(dir)
    } catch {
      continue // nothing uploaded yet
    }
    const candidates: string[] = []
    for (const name of names.filter((n) => f.pattern.test(n))) {
      const stat = await fs.stat(path.join(dir, name)).catch(() => null)
      if (stat?.isFile() && now.getTime() - stat.mtimeMs > ORPHAN_AGE_MS) candidates.push(name)
    }
    if (!candidates.length) continue
    // read the rows after listing the files, so a row written meanwhile still protects its file
    const known = await f.known()
    for (const name of candidates.filter((n) => !known.has(n))) {
      await fs.unlink(path.join(dir, name)).catch(() => undefined)
      removed.push(`${f.dir}/${name}`)
    }
  }
  if (removed.length) log.warn({ removed }, `removed ${removed.length} orphaned upload(s)`)
  return removed
}
