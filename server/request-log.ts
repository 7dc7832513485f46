import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'
import { pinoHttp } from 'pino-http'
import { log, type RequestContext, requestIdFrom } from '../app/lib/log.server.ts'

/** Route params whose values are secrets (links mailed to one person): never written to a log. */
const SECRET_PARAMS = new Set(['token'])

interface RouteNode {
  id: string
  path?: string
  index?: boolean
  caseSensitive?: boolean
  children: RouteNode[]
}

/**
 * The route pattern that answers a path, as Remix matches it (`/upt/:uptId/products/:productId`,
 * `/*` for the catch-all), and the path with secret params replaced, for the request line.
 */
export function routeMatcher(build: Pick<ServerBuild, 'routes'>) {
  const all = Object.values(build.routes)
  const tree = (parentId: string | undefined): RouteNode[] =>
    all
      .filter((r) => r.parentId === parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: tree(r.id) }))
  const routes = tree(undefined)
  // Paths repeat (the catalogue, the page cache's hits): remember the last few thousand answers.
  const known = new Map<string, { route: string; path: string } | undefined>()
  return (pathname: string): { route: string; path: string } | undefined => {
    if (known.has(pathname)) return known.get(pathname)
    if (known.size >= 5000) known.clear()
    const found = matchPath(pathname)
    known.set(pathname, found)
    return found
  }
  function matchPath(pathname: string): { route: string; path: string } | undefined {
    const plain = pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/')
    const matches = matchRoutes(routes as Parameters<typeof matchRoutes>[0], plain)
    if (!matches) return undefined
    const route = `/${matches
      .map((m) => m.route.path)
      .filter(Boolean)
      .join('/')}`
    const params = matches[matches.length - 1]!.params
    const secrets = new Set(Object.entries(params).flatMap(([k, v]) => (SECRET_PARAMS.has(k) && v ? [v] : [])))
    const path = secrets.size
      ? pathname
          .split('/')
          .map((segment) => (secrets.has(safeDecode(segment).replace(/\.data$/, '')) ? '[redacted]' : segment))
          .join('/')
      : pathname
    return { route, path }
  }
}

function safeDecode(segment: string) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const CONTEXT = Symbol('request context')
type LoggedRequest = IncomingMessage & { [CONTEXT]?: RequestContext }

/** Static files and the health probe are logged at debug: the info log is the app's requests. */
const QUIET = /^\/(build\/|favicon\.|healthz$)/

function pathOf(req: IncomingMessage & { originalUrl?: string }) {
  // Express rewrites req.url under a mount point (/build); originalUrl keeps what was asked.
  const url = req.originalUrl ?? req.url ?? '/'
  const q = url.indexOf('?')
  return q < 0 ? url : url.slice(0, q)
}

/**
 * One JSON line per request when its answer is finished: request id, user id (when signed in),
 * method, path (no query string: searches may hold names or addresses; secret params replaced),
 * route, status and duration in ms. No headers, no cookies, no bodies.
 * `begin` is called first for every request, before the page cache and Express: it takes the
 * proxy's `X-Request-Id` when well-formed (else a new one), echoes it on the answer and returns
 * the context that log.server.ts attaches to every line written while the request is answered.
 */
export function requestLogging(match: ReturnType<typeof routeMatcher>) {
  const fields = (req: LoggedRequest, res: ServerResponse, durationMs: number) => {
    const context = req[CONTEXT]
    const path = pathOf(req)
    return {
      requestId: context?.requestId,
      userId: context?.userId,
      method: req.method,
      path: match(path)?.path ?? path,
      route: context?.route,
      status: res.statusCode,
      durationMs,
    }
  }
  const logger = pinoHttp({
    logger: log,
    // The line carries only `fields`: nothing of the request object is bound to it.
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
    customLogLevel: (req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : QUIET.test(pathOf(req)) ? 'debug' : 'info',
    customSuccessMessage: (_req, res) => (res.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, val: { responseTime: number }) => fields(req, res, val.responseTime),
    customErrorObject: (req, res, _err, val: { responseTime: number }) => fields(req, res, val.responseTime),
  })
  return {
    begin(req: IncomingMessage, res: ServerResponse): RequestContext {
      const context: RequestContext = { requestId: requestIdFrom(req.headers['x-request-id']) }
      ;(req as LoggedRequest)[CONTEXT] = context
      req.id = context.requestId
      res.setHeader('X-Request-Id', context.requestId)
      logger(req, res)
      return context
    },
    /**
     * The request's context, now naming the route that answers: called where Remix or the page
     * cache takes the request (static files and refusals before them have no route).
     */
    routed(req: IncomingMessage): RequestContext {
      const context = ((req as LoggedRequest)[CONTEXT] ??= { requestId: requestIdFrom(req.headers['x-request-id']) })
      context.route = match(pathOf(req))?.route
      return context
    },
  }
}
