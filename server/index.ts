import path from 'node:path'
import url from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { parseEnv } from '../app/utils/env.server.ts'
import { startJobs } from '../app/utils/jobs.server.ts'
import { createDb } from '../db/client.ts'
import { csrfGuard, securityHeaders } from './security.ts'

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')

export async function createServer() {
  const env = parseEnv()
  if (env.mocks) {
    // Offline demo: msw answers outbound calls (Stripe…) in this process; calls to ourselves pass.
    // …and reports refunds back to us with signed webhooks, as Stripe would.
    process.env.MOCK_STRIPE_WEBHOOKS = '1'
    const { server } = await import('../tests/mocks/server.ts')
    server.listen({ onUnhandledRequest: 'bypass' })
    console.log('MOCKS on: outbound services are simulated locally')
  }
  const buildUrl = url.pathToFileURL(path.join(root, 'build/index.js')).href
  const build = (await import(buildUrl)) as ServerBuild
  // `npm run dev` (remix dev --manual) rebuilds on change: re-import the build per request there.
  const dev = process.env.NODE_ENV === 'development'
  const app = express()
  app.disable('x-powered-by')
  // Behind a proxy set TRUST_PROXY (e.g. "loopback" or a hop count) so req.ip is the client's.
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)
  app.use(compression())
  app.use(securityHeaders({ production: env.mode === 'production', formActionOrigins: ['https://checkout.stripe.com'] }))
  app.use('/build', express.static(path.join(root, 'public/build'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }))
  app.use(csrfGuard())
  app.use((req, _res, next) => {
    // The app reads the client address from this header only; never trust a client's copy.
    req.headers['x-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  })
  app.all(
    '*',
    createRequestHandler({
      build: dev ? async () => (await import(`${buildUrl}?t=${Date.now()}`)) as ServerBuild : build,
      mode: dev ? 'development' : 'production',
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  )
  return { app, env, build, dev }
}

export async function startServer() {
  const { app, env, build, dev } = await createServer()
  // Unpaid orders past their reservation expire and their stock returns (own connection, same file).
  startJobs(createDb(env.databasePath).db)
  return new Promise<import('node:http').Server>((resolve) => {
    const server = app.listen(env.port, () => {
      console.log(`Mitra Lipas listening on http://localhost:${env.port} (${env.mode} mode)`)
      if (dev) void import('@remix-run/node').then(({ broadcastDevReady }) => broadcastDevReady(build))
      resolve(server)
    })
    const shutdown = () => server.close(() => process.exit(0))
    process.once('SIGTERM', shutdown)
    process.once('SIGINT', shutdown)
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === url.fileURLToPath(import.meta.url)) {
  startServer().catch((error) => {
    console.error(`Start-up failed: ${(error as Error).message}`)
    process.exit(1)
  })
}
