import crypto from 'node:crypto'
import { http, HttpResponse } from 'msw'

/**
 * An S3-compatible object store, answered locally for tests and the offline demo: PutObject,
 * GetObject, HeadObject, DeleteObject and ListObjectsV2 (prefix, delimiter, pages) on in-memory
 * buckets, reached at MOCK_S3_ENDPOINT in path style (`https://s3.mock.invalid/<bucket>/<key>`) or
 * virtual-hosted style (`https://<bucket>.s3.mock.invalid/<key>`). Like S3 it refuses a request
 * that is not signed (SigV4 Authorization header) or whose signed payload hash does not match the
 * body, and answers errors as S3's XML. `.invalid` never resolves, so nothing leaves the machine.
 * Buckets live in this process only: two app instances on the mock do not share them.
 */
export const MOCK_S3_ENDPOINT = 'https://s3.mock.invalid'

/** The environment that points the portal's upload storage at this mock. */
export const MOCK_S3_ENV = {
  UPLOAD_STORAGE: 's3',
  S3_ENDPOINT: MOCK_S3_ENDPOINT,
  S3_REGION: 'us-east-1',
  S3_BUCKET: 'mitra-lipas-test',
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: 'MOCKACCESSKEY',
  S3_SECRET_ACCESS_KEY: 'mock-secret-key',
} as const

export interface MockObject {
  body: Uint8Array<ArrayBuffer>
  contentType: string
  etag: string
  lastModified: Date
}

export const s3Mock = {
  buckets: new Map<string, Map<string, MockObject>>(),
  requests: [] as { method: string; bucket: string; key: string; query: string; accessKeyId: string | null }[],
  /** When set, every request is answered 403 AccessDenied (credentials revoked, bucket policy changed). */
  denyAll: false,
  bucket(name: string): Map<string, MockObject> {
    let b = this.buckets.get(name)
    if (!b) {
      b = new Map()
      this.buckets.set(name, b)
    }
    return b
  },
  /** Keys in a bucket, sorted. */
  keys(bucket: string = MOCK_S3_ENV.S3_BUCKET): string[] {
    return [...this.bucket(bucket).keys()].sort()
  },
  /** Makes an object look older (as a listing shows it), like setting a file's mtime. */
  age(key: string, ms: number, bucket: string = MOCK_S3_ENV.S3_BUCKET) {
    const o = this.bucket(bucket).get(key)
    if (!o) throw new Error(`no object ${key} in the mock bucket ${bucket}`)
    o.lastModified = new Date(Date.now() - ms)
  },
  /** Stores an object directly, as another writer would. */
  putDirect(key: string, body: Uint8Array, bucket: string = MOCK_S3_ENV.S3_BUCKET) {
    const copy = new Uint8Array(new ArrayBuffer(body.length))
    copy.set(body)
    this.bucket(bucket).set(key, {
      body: copy,
      contentType: 'application/octet-stream',
      etag: etagOf(copy),
      lastModified: new Date(),
    })
  },
  reset() {
    this.buckets.clear()
    this.requests.length = 0
    this.denyAll = false
  },
}

function etagOf(body: Uint8Array) {
  return `"${crypto.createHash('md5').update(body).digest('hex')}"`
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function xml(status: number, body: string) {
  return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { 'Content-Type': 'application/xml', 'x-amz-request-id': crypto.randomUUID() },
  })
}

function s3Error(status: number, code: string, message: string, method: string, resource = '') {
  // HEAD answers carry no body: the SDK reads the status alone (NotFound, Forbidden).
  if (method === 'HEAD') return new HttpResponse(null, { status })
  return xml(
    status,
    `<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>${crypto.randomUUID()}</RequestId></Error>`,
  )
}

/** Bucket and key from either addressing style. */
function address(url: URL): { bucket: string; key: string } | null {
  const host = new URL(MOCK_S3_ENDPOINT).hostname
  const segments = url.pathname
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s))
  if (url.hostname === host) {
    const [bucket, ...rest] = segments
    return bucket ? { bucket, key: rest.join('/') } : null
  }
  if (url.hostname.endsWith(`.${host}`))
    return { bucket: url.hostname.slice(0, -host.length - 1), key: segments.join('/') }
  return null
}

const CREDENTIAL =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[^/]+\/s3\/aws4_request, ?SignedHeaders=[^,]+, ?Signature=[0-9a-f]{64}$/

function listObjects(bucket: string, url: URL) {
  const q = url.searchParams
  const prefix = q.get('prefix') ?? ''
  const delimiter = q.get('delimiter') ?? ''
  const maxKeys = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000) || 0))
  const token = q.get('continuation-token')
  const after = token ? Buffer.from(token, 'base64url').toString('utf8') : (q.get('start-after') ?? '')
  const urlEncoded = q.get('encoding-type') === 'url'
  const enc = (s: string) => xmlEscape(urlEncoded ? encodeURIComponent(s).replace(/%2F/g, '/') : s)
  const objects = s3Mock.bucket(bucket)
  // Keys in UTF-8 byte order, as S3 lists them; common prefixes take the place of their keys.
  const entries: ({ kind: 'object'; key: string; o: MockObject } | { kind: 'prefix'; key: string })[] = []
  const seenPrefixes = new Set<string>()
  for (const key of [...objects.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) {
    if (!key.startsWith(prefix)) continue
    const rest = key.slice(prefix.length)
    const cut = delimiter ? rest.indexOf(delimiter) : -1
    if (cut >= 0) {
      const p = prefix + rest.slice(0, cut + delimiter.length)
      if (!seenPrefixes.has(p)) {
        seenPrefixes.add(p)
        entries.push({ kind: 'prefix', key: p })
      }
    } else entries.push({ kind: 'object', key, o: objects.get(key)! })
  }
  const remaining = entries.filter((e) => Buffer.compare(Buffer.from(e.key), Buffer.from(after)) > 0)
  const page = remaining.slice(0, maxKeys)
  const truncated = remaining.length > page.length
  const contents = page
    .filter((e) => e.kind === 'object')
    .map(
      (e) =>
        `<Contents><Key>${enc(e.key)}</Key><LastModified>${e.o.lastModified.toISOString()}</LastModified><ETag>${xmlEscape(e.o.etag)}</ETag><Size>${e.o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    )
  const prefixes = page
    .filter((e) => e.kind === 'prefix')
    .map((e) => `<CommonPrefixes><Prefix>${enc(e.key)}</Prefix></CommonPrefixes>`)
  const next = truncated
    ? `<NextContinuationToken>${Buffer.from(page.at(-1)!.key).toString('base64url')}</NextContinuationToken>`
    : ''
  return xml(
    200,
    `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(bucket)}</Name><Prefix>${enc(prefix)}</Prefix>${delimiter ? `<Delimiter>${enc(delimiter)}</Delimiter>` : ''}<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${token ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : ''}${next}${urlEncoded ? '<EncodingType>url</EncodingType>' : ''}${contents.join('')}${prefixes.join('')}</ListBucketResult>`,
  )
}

const MOCK_HOST = new RegExp(
  `^https?://([a-z0-9.-]+\\.)?${new URL(MOCK_S3_ENDPOINT).hostname.replace(/\./g, '\\.')}(:\\d+)?/`,
)

export const s3Handlers = [
  http.all(MOCK_HOST, async ({ request }) => {
    const url = new URL(request.url)
    const method = request.method
    const at = address(url)
    if (!at) return s3Error(400, 'InvalidURI', 'Could not parse the specified URI.', method)
    const { bucket, key } = at
    const auth = CREDENTIAL.exec(request.headers.get('authorization') ?? '')
    s3Mock.requests.push({ method, bucket, key, query: url.search, accessKeyId: auth?.[1] ?? null })
    if (!auth)
      return s3Error(
        403,
        'AccessDenied',
        'Anonymous access is forbidden for this operation',
        method,
        `/${bucket}/${key}`,
      )
    if (s3Mock.denyAll) return s3Error(403, 'AccessDenied', 'Access Denied', method, `/${bucket}/${key}`)
    const objects = s3Mock.bucket(bucket)

    if (!key) {
      if (method === 'GET' && url.searchParams.get('list-type') === '2') return listObjects(bucket, url)
      return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', method)
    }
    switch (method) {
      case 'PUT': {
        if (request.headers.has('x-amz-copy-source'))
          return s3Error(501, 'NotImplemented', 'CopyObject is not simulated', method)
        const body = new Uint8Array(await request.arrayBuffer())
        const declared = request.headers.get('x-amz-content-sha256')
        if (!declared)
          return s3Error(
            400,
            'InvalidRequest',
            'Missing required header for this request: x-amz-content-sha256',
            method,
          )
        if (
          declared !== 'UNSIGNED-PAYLOAD' &&
          !declared.startsWith('STREAMING-') &&
          declared !== crypto.createHash('sha256').update(body).digest('hex')
        ) {
          return s3Error(
            400,
            'XAmzContentSHA256Mismatch',
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
            method,
          )
        }
        const length = request.headers.get('content-length')
        if (length !== null && Number(length) !== body.length)
          return s3Error(
            400,
            'IncompleteBody',
            'You did not provide the number of bytes specified by the Content-Length HTTP header.',
            method,
          )
        const o: MockObject = {
          body,
          contentType: request.headers.get('content-type') ?? 'binary/octet-stream',
          etag: etagOf(body),
          lastModified: new Date(),
        }
        objects.set(key, o)
        return new HttpResponse(null, { status: 200, headers: { ETag: o.etag } })
      }
      case 'GET':
      case 'HEAD': {
        const o = objects.get(key)
        if (!o) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', method, `/${bucket}/${key}`)
        const headers = {
          'Content-Type': o.contentType,
          'Content-Length': String(o.body.length),
          ETag: o.etag,
          'Last-Modified': o.lastModified.toUTCString(),
          'Accept-Ranges': 'bytes',
        }
        return new HttpResponse(method === 'HEAD' ? null : o.body, { status: 200, headers })
      }
      case 'DELETE':
        objects.delete(key)
        return new HttpResponse(null, { status: 204 })
      default:
        return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', method)
    }
  }),
]
