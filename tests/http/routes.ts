import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from '../setup/paths.ts'

/**
 * The route modules of app/routes as Remix's flat routes see them, read from the source so a
 * route added tomorrow is in every HTTP contract test the day it is added.
 */
export interface RouteFile {
  file: string
  /** URL pattern: `/upt/$uptId/products/$productId`, `/finance/report.csv`, `/` */
  pattern: string
  params: string[]
  /** an `_index` route (single fetch addresses it as `<path>.data?index`) */
  index: boolean
  /** no default export and no ErrorBoundary: Remix answers with what the loader/action returns */
  resource: boolean
  loader: boolean
  action: boolean
  source: string
}

const ROUTES_DIR = path.join(ROOT, 'app/routes')

/** Splits a flat-route file name on the dots that separate segments (not on `[.]` escapes). */
function segmentsOf(name: string): string[] {
  const out: string[] = []
  let current = ''
  let escaped = false
  for (const ch of name) {
    if (ch === '[') escaped = true
    else if (ch === ']') escaped = false
    else if (ch === '.' && !escaped) {
      out.push(current)
      current = ''
      continue
    }
    current += ch
  }
  out.push(current)
  return out
}

export function routeFiles(): RouteFile[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => /\.tsx?$/.test(f))
    .sort()
    .map((file) => {
      const source = fs.readFileSync(path.join(ROUTES_DIR, file), 'utf8')
      const segments = segmentsOf(file.replace(/\.tsx?$/, ''))
      const params: string[] = []
      const parts = segments
        .filter((s) => s !== '_index' && !/^_[^_]/.test(s))
        .map((s) => {
          const clean = s.replace(/_$/, '').replace(/\[(.*?)\]/g, '$1')
          if (clean === '$') {
            params.push('*')
            return '*'
          }
          if (clean.startsWith('$')) params.push(clean.slice(1))
          return clean
        })
      const exports = (name: string) =>
        new RegExp(`^export (async )?function ${name}\\b|^export (const|let) ${name}\\b`, 'm').test(source)
      return {
        file,
        pattern: `/${parts.join('/')}`,
        params,
        index: segments.at(-1) === '_index',
        resource: !/^export default\b/m.test(source) && !exports('ErrorBoundary'),
        loader: exports('loader'),
        action: exports('action'),
        source,
      }
    })
}

/** The URL of a route with its `$params` filled in (a missing value is an error in the test). */
export function urlFor(route: RouteFile, values: Record<string, string>): string {
  return route.pattern.replace(/\$([A-Za-z]+)|\*/g, (m, name: string | undefined) => {
    const v = values[name ?? '*']
    if (v === undefined) throw new Error(`${route.file}: no value for ${m}`)
    return encodeURIComponent(v)
  })
}
