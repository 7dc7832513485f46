import { log } from '#app/lib/log.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { getStorage, type StoredFile } from '#app/integrations/storage/index.server.ts'

/**
 * The upload storage did not take or give a file (bucket unreachable, credentials refused, disk
 * full). Nothing was written for an upload; the form says so, and every route answers 503.
 */
export class StorageUnavailableError extends DomainError {
  override name = 'StorageUnavailableError'
  constructor(field?: string) {
    super('upload.unavailable', field)
  }
}

/** Stores one upload; a storage failure becomes StorageUnavailableError (the cause is logged for operators). */
export async function storeUpload(key: string, body: Uint8Array, contentType: string, field?: string): Promise<void> {
  const storage = getStorage()
  try {
    await storage.put(key, body, contentType)
  } catch (error) {
    log.warn({ err: error, location: storage.location, key }, 'upload storage refused a write')
    // No clean-up here: a PUT to S3 is all or nothing, and the local backend removes its own
    // half-written file (removing here could delete an existing file on a name clash).
    throw new StorageUnavailableError(field)
  }
}

/** Reads one stored upload (null when there is no such object); a storage failure becomes StorageUnavailableError. */
export async function readStoredUpload(key: string): Promise<StoredFile | null> {
  const storage = getStorage()
  try {
    return await storage.get(key)
  } catch (error) {
    log.warn({ err: error, location: storage.location, key }, 'upload storage could not read')
    throw new StorageUnavailableError()
  }
}
