/**
 * A partner's legal documents (issue 16, item 5; ADR 033): deed of establishment, NIB, NPWP and
 * others, as PDF with the same checks as a PKS (not empty, at most 10 MB, `%PDF-` first), stored
 * through the upload storage under `legal/legal-<uuid>.pdf` before the row that names it. One
 * current document per kind: uploading a kind again replaces the current one, whose row stays
 * (with `replaced_at`) for the history. Any member of the partner uploads; audited.
 */
import crypto from 'node:crypto'
import type { DB } from '#db/client.ts'
import type { LegalDocumentKind } from '#db/schema.ts'
import { audit } from '#app/domain/audit/log.ts'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { inTransaction } from '#app/domain/transaction.ts'
import { displayName, isPdf, MAX_PKS_BYTES } from '#app/domain/agreements/pks-documents.server.ts'
import { readStoredUpload, storeUpload } from '#app/domain/uploads/storage.server.ts'
import { getStorage, LEGAL_FOLDER, type StoredFile } from '#app/integrations/storage/index.server.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso } from '#app/lib/time.ts'
import { LEGAL_DOCUMENT_KINDS } from './legal-rules.ts'

export const MAX_LEGAL_BYTES = MAX_PKS_BYTES
/** The names uploads are stored under, and the only ones read back. */
export const LEGAL_FILE_NAME = /^legal-[0-9a-f-]{36}\.pdf$/
const legalKey = (fileName: string) => `${LEGAL_FOLDER}/${fileName}`

export function checkLegalPdf(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new DomainError('legalDoc.uploadEmpty', 'document')
  if (bytes.length > MAX_LEGAL_BYTES) throw new DomainError('legalDoc.uploadTooLarge', 'document')
  if (!isPdf(bytes)) throw new DomainError('legalDoc.uploadBadType', 'document')
}

export interface LegalUpload {
  partnerId: string
  /** A new document of this kind (replaces the current one of the kind, if any)… */
  kind?: LegalDocumentKind | null
  /** …or the id of a current document of this partner to replace (404 for anyone else's). */
  replaceId?: string | null
  bytes: Uint8Array
  originalName?: string | null
}

/** Stores a legal document of the partner and audits it; returns the new row. */
export async function addLegalDocument(db: DB, input: LegalUpload, actor: { userId: string; ip?: string | null }) {
  if (!input.replaceId && !input.kind) throw new DomainError('field.required', 'kind')
  if (input.kind && !(LEGAL_DOCUMENT_KINDS as readonly string[]).includes(input.kind))
    throw new DomainError('field.invalid', 'kind')
  checkLegalPdf(input.bytes)
  const id = newId()
  const fileName = `legal-${id}.pdf`
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex')
  await storeUpload(legalKey(fileName), input.bytes, 'application/pdf', 'document')
  try {
    return await inTransaction(db, async (trx) => {
      let kind = input.kind ?? null
      if (input.replaceId) {
        // Resolved in the partner's own scope: another partner's document looks unknown.
        const old = await trx
          .selectFrom('partner_documents')
          .select(['id', 'kind'])
          .where('id', '=', input.replaceId)
          .where('partner_id', '=', input.partnerId)
          .where('replaced_at', 'is', null)
          .executeTakeFirst()
        if (!old) throw new NotFoundError('partner document', 'replaceId')
        kind = old.kind
      }
      const now = nowIso()
      const replaced = await trx
        .updateTable('partner_documents')
        .set({ replaced_at: now })
        .where('partner_id', '=', input.partnerId)
        .where('kind', '=', kind!)
        .where('replaced_at', 'is', null)
        .returning('id')
        .execute()
      const row = {
        id,
        partner_id: input.partnerId,
        kind: kind!,
        file_name: fileName,
        original_name: displayName(input.originalName),
        size_bytes: input.bytes.length,
        sha256,
        uploaded_by: actor.userId,
        created_at: now,
        replaced_at: null,
      }
      await trx.insertInto('partner_documents').values(row).execute()
      await audit(trx, {
        actorUserId: actor.userId,
        action: 'partner.documentUploaded',
        targetType: 'partner',
        targetId: input.partnerId,
        ip: actor.ip,
        details: {
          documentId: id,
          kind: row.kind,
          sha256,
          size: row.size_bytes,
          replaced: replaced.map((r) => r.id),
        },
      })
      return row
    })
  } catch (error) {
    await getStorage()
      .remove(legalKey(fileName))
      .catch(() => undefined) // left to the hourly sweep
    throw error
  }
}

/** The stored PDF of one document of this partner (current or replaced), or null. */
export async function readLegalDocument(
  db: DB,
  partnerId: string,
  documentId: string,
): Promise<{ kind: LegalDocumentKind; file: StoredFile } | null> {
  const row = await db
    .selectFrom('partner_documents')
    .select(['kind', 'file_name'])
    .where('id', '=', documentId)
    .where('partner_id', '=', partnerId)
    .executeTakeFirst()
  if (!row || !LEGAL_FILE_NAME.test(row.file_name)) return null
  const file = await readStoredUpload(legalKey(row.file_name))
  return file ? { kind: row.kind, file } : null
}
