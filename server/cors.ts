import type { NextFunction, Request, Response } from 'express'

/** The read-only, public addresses any site may call from a browser (the open-data API, ADR 026). */
export const OPEN_DATA_PATHS = /^\/(api\/v1(\/.*)?|data\.json)$/

/**
 * Answers a CORS preflight (OPTIONS) for the open-data API before the app: GET and HEAD from any
 * origin, with If-None-Match so browsers can revalidate. Nothing else is ever allowed cross-site.
 */
export function openDataPreflight() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'OPTIONS' || !OPEN_DATA_PATHS.test(req.path)) {
      next()
      return
    }
    res.status(204)
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
    res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, Accept, Accept-Language')
    res.setHeader('Access-Control-Max-Age', '86400')
    res.setHeader('Cache-Control', 'public, max-age=86400')
    res.end()
  }
}
