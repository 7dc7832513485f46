import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import type { StorageConfig } from '#app/lib/storage-config.server.ts'
import { assertFolder, assertKey, type ObjectStorage, type StoredObject } from './types.ts'

type S3Config = Extract<StorageConfig, { kind: 's3' }>

/**
 * Uploads in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2, Wasabi, …) that
 * every app instance reads and writes. Objects are written without an ACL, so they are as private
 * as the bucket (keep it private: the portal serves every object after its own access check).
 * Outbound HTTP through the AWS SDK; tests and the offline demo answer it with
 * tests/mocks/s3.ts.
 */
export function s3Storage(config: S3Config, opts: { pageSize?: number } = {}): ObjectStorage {
  // The SDK prints a many-line notice on Node 20 that its releases after January 2027 need
  // Node 22; the lockfile pins a release that runs here (ADR 019). Keep logs one line per event.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Checksums only where the API requires them: several S3-compatible services refuse the
    // CRC32 headers and trailers the SDK would otherwise add to every request.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  })
  const Bucket = config.bucket
  const objectKey = (key: string) => {
    assertKey(key)
    return config.prefix + key
  }
  const notFound = (error: unknown) =>
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)

  async function* list(folder: string): AsyncIterable<StoredObject> {
    assertFolder(folder)
    const Prefix = config.prefix + (folder ? `${folder}/` : '')
    let ContinuationToken: string | undefined
    do {
      // Delimiter '/': the folder's own objects; sub-folders come back as common prefixes, skipped.
      const page = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix, Delimiter: '/', ContinuationToken, MaxKeys: opts.pageSize }),
      )
      for (const o of page.Contents ?? []) {
        if (!o.Key || !o.Key.startsWith(Prefix)) continue
        const name = o.Key.slice(Prefix.length)
        if (!name) continue
        yield {
          key: o.Key.slice(config.prefix.length),
          name,
          size: Number(o.Size ?? 0),
          modifiedAt: o.LastModified ?? new Date(),
        }
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (ContinuationToken)
  }

  return {
    kind: 's3',
    location: `s3://${Bucket}/${config.prefix}`,

    async put(key, body, contentType) {
      // Resolves when S3 answered 200: the object is durable before its row is written.
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(key),
          Body: body,
          ContentType: contentType,
          ContentLength: body.length,
        }),
      )
    },

    async get(key) {
      try {
        const r = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }))
        if (!r.Body) return null
        const body = await r.Body.transformToByteArray()
        const bytes = new Uint8Array(new ArrayBuffer(body.length))
        bytes.set(body)
        return { size: bytes.length, bytes }
      } catch (error) {
        if (notFound(error)) return null
        throw error
      }
    },

    async remove(key) {
      // S3 answers 204 whether or not the key existed.
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }))
    },

    list,

    async check() {
      await client.send(new ListObjectsV2Command({ Bucket, Prefix: config.prefix, MaxKeys: 1 }))
    },
  }
}
