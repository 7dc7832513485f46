/**
 * Where uploaded files live (product photos, transfer proofs, signed PKS PDFs): one interface,
 * two backends (a local folder, or an S3-compatible bucket shared by every app instance).
 * docs/decisions/019-upload-storage.md.
 *
 * Keys are server-made relative names such as `<uuid>.webp`, `proofs/proof-<uuid>.webp` or
 * `pks/pks-<uuid>.pdf`; never a name a user typed. Every object is private: the portal serves
 * it after its own access check (photos to anyone, proofs and PKS to the people allowed).
 */

/** One stored object, as a listing sees it. */
export interface StoredObject {
  /** the key relative to the storage root, e.g. `proofs/proof-….webp` */
  key: string
  /** the last segment of the key, e.g. `proof-….webp` */
  name: string
  size: number
  modifiedAt: Date
}

/**
 * An object read whole. Uploads are small (photos and proofs at most 5 MB, PKS at most 10 MB):
 * reading them whole before answering frees the S3 connection at once, instead of holding it for
 * as long as a slow (or vanished) browser takes to download, and never leaves a body unread.
 */
export interface StoredFile {
  size: number
  bytes: Uint8Array<ArrayBuffer>
}

export interface ObjectStorage {
  readonly kind: 'local' | 's3'
  /** Where objects go, for logs and errors (a folder, or s3://bucket/prefix); never a credential. */
  readonly location: string
  /**
   * Stores `body` under a new key and resolves once it is durable. Keys are fresh server-made
   * names; the local backend refuses to overwrite an existing file (S3 relies on the name being
   * new: UUIDv7, 74 random bits).
   */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>
  /** The object, or null when there is no such key. Other failures (bucket unreachable) throw. */
  get(key: string): Promise<StoredFile | null>
  /** Removes the object; removing a key that does not exist is not an error. */
  remove(key: string): Promise<void>
  /** The objects directly in `folder` ('' is the top level), not in its sub-folders. */
  list(folder: string): AsyncIterable<StoredObject>
  /** Proves the backend answers (the bucket exists and the credentials may list it). */
  check(): Promise<void>
}

/** The characters a key may use: server-made names only, never `..`, never an absolute path. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/

export function assertKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((s) => s === '.' || s === '..'))
    throw new Error(`Not a storage key: ${JSON.stringify(key)}`)
}

export function assertFolder(folder: string): void {
  if (folder !== '') assertKey(folder)
}
