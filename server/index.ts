import http from 'node:http'
import path from 'node:path'
import url from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { type AppLoadContext, createRequestHandler as createFetchHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { parseEnv } from '../app/lib/env.server.ts'
import { log, runWithRequest } from '../app/lib/log.server.ts'
import { startJobs } from '../app/web/jobs.server.ts'
import { createDb, maintainDatabase } from '../db/client.ts'
import { openDataPreflight } from './cors.ts'
import { microCache } from './micro-cache.ts'
import { startMocks } from './mocks.ts'
import { requestLogging, routeMatcher } from './request-log.ts'
import {
  bodyLimit,
  csrfGuard,
  drainUnreadBody,
  PUBLIC_PAGES,
  privateByDefault,
  securityHeaderList,
  securityHeaders,
  type SecurityOptions,
} from './security.ts'

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')

export async function createServer() {
  const env = parseEnv()
  // Offline demo: msw answers outbound calls (Stripe, the mock bucket…) in this process.
  if (env.mocks) await startMocks()
  const buildUrl = url.pathToFileURL(path.join(root, 'build/index.js')).href
  const build = (await import(buildUrl)) as ServerBuild
  // `npm run dev` (remix dev --manual) rebuilds on change: re-import the build per request there.
  const dev = process.env.NODE_ENV === 'development'
  const requests = requestLogging(routeMatcher(build))
  // Everything a loader, an action or the document render is handed (typed in remix.env.d.ts).
  const loadContext = (req: express.Request, res: express.Response): AppLoadContext => {
    const context = requests.routed(req)
    return { cspNonce: res.locals.cspNonce as string, requestId: context.requestId }
  }
  const app = express()
  app.disable('x-powered-by')
  // Behind a proxy set TRUST_PROXY (a hop count or the proxies' addresses) so req.ip is the client's.
  if (env.trustProxy !== undefined) app.set('trust proxy', env.trustProxy)
  // Level 1: most of gzip's saving for a fraction of its CPU (pages are small, servers are busy).
  // Pages from the page cache are compressed once per entry instead (server/micro-cache.ts).
  app.use(compression({ level: 1 }))
  const security: SecurityOptions = {
    production: env.mode === 'production',
    formActionOrigins: ['https://checkout.stripe.com'],
  }
  app.use(securityHeaders(security))
  app.use('/build', express.static(path.join(root, 'public/build'), { immutable: true, maxAge: '1y' }))
  // Files in public/ all have an extension: a page's path (/products, /upt/…) skips the disk look-up.
  const publicFiles = express.static(path.join(root, 'public'), { maxAge: '1h' })
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()))
  // CORS preflight of the open-data API (/api/v1, /data.json): answered here, before the app.
  app.use(openDataPreflight())
  // Everything the app answers is no-store unless it is a public page without a session.
  app.use(privateByDefault())
  app.use(csrfGuard())
  app.use(bodyLimit())
  app.use(drainUnreadBody())
  app.use((req, _res, next) => {
    // The app reads the client address from this header only; never trust a client's copy.
    req.headers['x-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  })
  // Anonymous public pages are rendered at most once per PAGE_CACHE_SECONDS (default 5; 0 = off).
  // Hits are answered by `handler` below before Express; misses fill the cache here, after the
  // security headers, static files and CSRF guard (docs/decisions/009-page-cache-and-csp.md).
  // Per instance: with N instances a page is still at most 2 x PAGE_CACHE_SECONDS old (ADR 009).
  const pageCacheSeconds = env.pageCacheSeconds
  let pageCache: ReturnType<typeof microCache> | undefined
  if (!dev && pageCacheSeconds > 0) {
    const handle = createFetchHandler(build, 'production')
    pageCache = microCache({
      ttlMs: pageCacheSeconds * 1000,
      paths: PUBLIC_PAGES,
      handle: (request, context) => handle(request, context),
      loadContext,
      securityHeaders: (scriptSources) => securityHeaderList(security, scriptSources),
    })
    app.use(pageCache.middleware)
  }
  app.all(
    '*',
    createRequestHandler({
      build: dev ? async () => (await import(`${buildUrl}?t=${Date.now()}`)) as ServerBuild : build,
      mode: dev ? 'development' : 'production',
      getLoadContext: loadContext,
    }),
  )
  const handler: http.RequestListener = (req, res) => {
    const context = requests.begin(req, res)
    runWithRequest(context, () => {
      if (pageCache?.serveHit(req, res)) requests.routed(req)
      else app(req, res)
    })
  }
  return { app, handler, env, build, dev }
}

export async function startServer() {
  const { handler, env, build, dev } = await createServer()
  // Unpaid orders past their reservation expire and their stock returns (own connection, same file).
  startJobs(createDb(env.databasePath, { poolSize: 3 }).db)
  return new Promise<http.Server>((resolve) => {
    const server = http.createServer(handler).listen(env.port, () => {
      log.info(`Mitra Lipas listening on http://localhost:${env.port} (${env.mode} mode)`)
      if (dev) void import('@remix-run/node').then(({ broadcastDevReady }) => broadcastDevReady(build))
      resolve(server)
    })
    // SQLite: fold the WAL back into the database file now and then so it does not grow without bound.
    const checkpoint = setInterval(() => {
      void import('../app/web/db.server.ts').then(({ getDb }) => maintainDatabase(getDb())).catch(() => {})
    }, 5 * 60_000)
    checkpoint.unref()
    const shutdown = () => server.close(() => process.exit(0))
    process.once('SIGTERM', shutdown)
    process.once('SIGINT', shutdown)
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === url.fileURLToPath(import.meta.url)) {
  startServer().catch((error) => {
    log.error({ err: error }, `Start-up failed: ${(error as Error).message}`)
    process.exit(1)
  })
}
