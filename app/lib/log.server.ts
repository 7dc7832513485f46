import { AsyncLocalStorage } from 'node:async_hooks'
import crypto from 'node:crypto'
import { type Logger, pino } from 'pino'

/**
 * The portal's one logger: JSON lines on standard output at `LOG_LEVEL` (docs/operations.md,
 * "Logs"). A line written while a request is answered carries its `requestId` and, once the
 * session has been read, the `userId`; server/index.ts writes one line per request (pino-http).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** What the lines written during one request say about it. */
export interface RequestContext {
  requestId: string
  /** the signed-in user, set where the session is read anyway (app/web/session.server.ts) */
  userId?: string
  /** the route pattern that answered, e.g. `/upt/:uptId/products/:productId` (server/index.ts) */
  route?: string
}

/**
 * Never logged, wherever someone puts them: cookies, credentials, webhook signatures, passwords,
 * tokens, card data and email addresses (the request line itself logs no headers or query).
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["stripe-signature"]',
  ...['password', 'token', 'secret', 'card', 'email'].flatMap((key) => [key, `*.${key}`]),
]

const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error']

/** LOG_LEVEL as env.server.ts validates it at start-up; a script that never validates gets `info`. */
export function levelFromEnv(value = process.env.LOG_LEVEL): LogLevel {
  return value && LEVELS.includes(value) ? (value as LogLevel) : 'info'
}

interface LineSink {
  write(line: string): void
}

interface Shared {
  logger: Logger
  requests: AsyncLocalStorage<RequestContext>
  stdout: LineSink
  sink: LineSink | undefined
}

function create(): Shared {
  const requests = new AsyncLocalStorage<RequestContext>()
  const shared: Shared = {
    requests,
    // Synchronous: a line written just before process.exit (a failed start, a CLI) is not lost.
    stdout: pino.destination({ dest: 1, sync: true }),
    sink: undefined,
    logger: undefined as unknown as Logger,
  }
  shared.logger = pino(
    {
      level: levelFromEnv(),
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin() {
        const c = requests.getStore()
        if (!c) return {}
        return c.userId ? { requestId: c.requestId, userId: c.userId } : { requestId: c.requestId }
      },
    },
    { write: (line: string) => (shared.sink ?? shared.stdout).write(line) },
  )
  return shared
}

// The server bundles app code into build/index.js while server/index.ts loads this file on its
// own: both copies must share one logger and one request store, or a request's id would not
// reach the lines the app writes. So the pair lives on globalThis, made by whichever loads first.
const KEY = Symbol.for('mitra-lipas.log')
const shared: Shared = ((globalThis as { [KEY]?: Shared })[KEY] ??= create())

export const log: Logger = shared.logger

/** Runs `fn` (a request's handling) with `context` attached to every line written meanwhile. */
export function runWithRequest<T>(context: RequestContext, fn: () => T): T {
  return shared.requests.run(context, fn)
}

/** The request being answered, if any (jobs and scripts have none). */
export function currentRequest(): RequestContext | undefined {
  return shared.requests.getStore()
}

/** Notes who is signed in for the rest of the request's lines (no extra query: the caller read it). */
export function noteUser(userId: string) {
  const c = shared.requests.getStore()
  if (c) c.userId = userId
}

const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/** A proxy's `X-Request-Id` when it is a plain token of at most 128 characters, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && WELL_FORMED_ID.test(header) ? header : crypto.randomUUID()
}

/** Tests: where lines go instead of standard output (undefined = back to standard output). */
export function setLogSink(sink: LineSink | undefined) {
  shared.sink = sink
}
