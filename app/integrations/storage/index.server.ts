import { type EnvSource, parseStorageConfig, type StorageConfig } from '#app/lib/storage-config.server.ts'
import { localStorage } from './local.server.ts'
import { s3Storage } from './s3.server.ts'
import type { ObjectStorage } from './types.ts'

export type { ObjectStorage, StoredFile, StoredObject } from './types.ts'

// One S3 client per configuration (it keeps its connections); a local folder costs nothing.
const clients = new Map<string, ObjectStorage>()

export function storageFor(config: StorageConfig): ObjectStorage {
  if (config.kind === 'local') return localStorage(config.dir)
  const key = JSON.stringify(config)
  let s = clients.get(key)
  if (!s) {
    s = s3Storage(config)
    clients.set(key, s)
  }
  return s
}

/**
 * The upload storage the environment names (UPLOAD_STORAGE, UPLOAD_DIR, S3_*), read on each call
 * so that tests may switch it; start-up has already refused a bad configuration (parseEnv).
 */
export function getStorage(source: EnvSource = process.env): ObjectStorage {
  return storageFor(parseStorageConfig(source))
}

/** Folders of the storage: product photos at the top, then one folder per private kind. */
export const PROOFS_FOLDER = 'proofs'
export const PKS_FOLDER = 'pks'
export const LEGAL_FOLDER = 'legal'
