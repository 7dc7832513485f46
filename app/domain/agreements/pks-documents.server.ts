/**
 * Signed PKS documents of an agreement. Either party uploads a PDF; each upload is a new version
 * (never overwritten), the highest version is the current PKS. Checks before anything is written:
 * not empty, at most 10 MB, PDF by its first bytes (`%PDF-`), whatever the name or Content-Type.
 * Stored outside the public folder under a server-made name; the uploader's file name is kept
 * only as sanitised display text.
 */
import crypto from 'node:crypto'
import type { DB } from '#db/client.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { DomainError } from '#app/domain/errors.ts'
import { audit } from '#app/domain/audit/log.ts'
import { readStoredUpload, storeUpload } from '#app/domain/uploads/storage.server.ts'
import { getStorage, PKS_FOLDER, type StoredFile } from '#app/integrations/storage/index.server.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import type { Actor } from './lifecycle.ts'

export const MAX_PKS_BYTES = 10 * 1024 * 1024
export const MAX_PKS_NAME_LENGTH = 120
/** The names uploads are stored under, and the only ones read back. */
export const PKS_FILE_NAME = /^pks-[0-9a-f-]{36}\.pdf$/

const pksKey = (fileName: string) => `${PKS_FOLDER}/${fileName}`

/** A PDF starts with `%PDF-` (ISO 32000); some writers put a few bytes before it, we do not accept that. */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}

/**
 * The uploader's file name as display text: last path segment only, no control or bidi-override
 * characters, whitespace collapsed, at most MAX_PKS_NAME_LENGTH characters. Null when nothing is left.
 */
export function displayName(name: string | null | undefined): string | null {
  if (!name) return null
  const base = name.split(/[/\\]/).pop() ?? ''
  const clean = base
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim()
  if (!clean) return null
  return [...clean].slice(0, MAX_PKS_NAME_LENGTH).join('')
}

export function checkPks(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new DomainError('pks.uploadEmpty', 'document')
  if (bytes.length > MAX_PKS_BYTES) throw new DomainError('pks.uploadTooLarge', 'document')
  if (!isPdf(bytes)) throw new DomainError('pks.uploadBadType', 'document')
}

/** Stores one new version of an agreement's PKS and audits it; returns the version row. */
export async function addPksDocument(
  db: DB,
  input: { agreementId: string; bytes: Uint8Array; originalName?: string | null },
  actor: Actor,
) {
  checkPks(input.bytes)
  const id = newId()
  const fileName = `pks-${id}.pdf`
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex')
  // Stored (durably) before the row that names it; a server-made name is never reused.
  await storeUpload(pksKey(fileName), input.bytes, 'application/pdf', 'document')
  try {
    return await inTransaction(db, async (trx) => {
      const last = await trx
        .selectFrom('agreement_documents')
        .select((eb) => eb.fn.max<number | null>('version').as('v'))
        .where('agreement_id', '=', input.agreementId)
        .executeTakeFirst()
      const row = {
        id,
        agreement_id: input.agreementId,
        version: Number(last?.v ?? 0) + 1,
        file_name: fileName,
        original_name: displayName(input.originalName),
        size_bytes: input.bytes.length,
        sha256,
        uploaded_by: actor.userId,
        created_at: nowIso(),
      }
      await trx.insertInto('agreement_documents').values(row).execute()
      await audit(trx, {
        actorUserId: actor.userId,
        action: 'agreement.pksUploaded',
        targetType: 'agreement',
        targetId: input.agreementId,
        ip: actor.ip,
        details: { version: row.version, sha256, size: row.size_bytes, documentId: id },
      })
      return row
    })
  } catch (error) {
    await getStorage()
      .remove(pksKey(fileName))
      .catch(() => undefined) // left to the hourly sweep
    throw error
  }
}

/** Versions of an agreement's PKS, newest first, with the uploader's name. */
export async function listPksDocuments(db: DB, agreementId: string) {
  return db
    .selectFrom('agreement_documents as d')
    .innerJoin('users as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.version',
      'd.original_name',
      'd.size_bytes',
      'd.sha256',
      'd.created_at',
      'u.name as uploaded_by_name',
    ])
    .where('d.agreement_id', '=', agreementId)
    .orderBy('d.version', 'desc')
    .execute()
}

/** The stored file of one version, or null when there is no such version or file. */
export async function readPksDocument(
  db: DB,
  agreementId: string,
  version: number,
): Promise<{ version: number; file: StoredFile } | null> {
  if (!Number.isSafeInteger(version) || version < 1) return null
  const row = await db
    .selectFrom('agreement_documents')
    .select(['version', 'file_name'])
    .where('agreement_id', '=', agreementId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row || !PKS_FILE_NAME.test(row.file_name)) return null
  const file = await readStoredUpload(pksKey(row.file_name))
  return file ? { version: row.version, file } : null
}
