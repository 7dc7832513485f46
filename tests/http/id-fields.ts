import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from '../setup/paths.ts'

/**
 * Which form fields of a route's action carry ids, read from the source: the keys of every
 * `z.object({...})` and every `formData.get('…')` in the route file, and in what it imports from
 * the app (only the declarations it actually uses, followed through their own imports). A field
 * counts as id-bearing when its name ends in `Id`/`Ids` or is one of a few known id names.
 * The write matrix uses this so that an action with a new id field cannot go unexercised.
 */
export const ID_FIELD = /^(?:[a-z][A-Za-z0-9]*Ids?|references|ruleKey)$/

export const ROUTES_DIR = path.join(ROOT, 'app/routes')

/** Route files that export an action. */
export function actionRouteFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => /\.tsx?$/.test(f))
    .filter((f) =>
      /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(
        fs.readFileSync(path.join(ROUTES_DIR, f), 'utf8'),
      ),
    )
    .sort()
}

interface Module {
  file: string
  text: string
  /** top-level declaration name -> its text */
  decls: Map<string, string>
  /** imported local name -> [module file, exported name] */
  imports: Map<string, [string, string]>
}

const cache = new Map<string, Module | null>()

function resolve(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('#app/')) base = path.join(ROOT, 'app', spec.slice(5))
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec)
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  return null
}

function load(file: string): Module | null {
  if (cache.has(file)) return cache.get(file)!
  const text = fs.readFileSync(file, 'utf8')
  const imports = new Map<string, [string, string]>()
  for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    const target = resolve(file, m[2]!)
    if (!target) continue
    for (const part of m[1]!.split(',')) {
      const [name, alias] = part
        .replace(/^\s*type\s+/, '')
        .trim()
        .split(/\s+as\s+/)
      if (name) imports.set((alias ?? name).trim(), [target, name.trim()])
    }
  }
  for (const m of text.matchAll(/export\s+\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    const target = resolve(file, m[2]!)
    if (!target) continue
    for (const part of m[1]!.split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/)
      if (name) imports.set((alias ?? name).trim(), [target, name.trim()])
    }
  }
  // Top-level declarations start at column 0; each runs to the next one.
  const decls = new Map<string, string>()
  const starts = [
    ...text.matchAll(
      /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm,
    ),
  ]
  starts.forEach((m, i) => decls.set(m[1]!, text.slice(m.index, starts[i + 1]?.index ?? text.length)))
  const mod = { file, text, decls, imports }
  cache.set(file, mod)
  return mod
}

/** Top-level keys of each object literal passed to z.object(...) / .extend(...) in `text`. */
function schemaKeys(text: string): string[] {
  const keys: string[] = []
  for (const m of text.matchAll(/(?:\bz\s*\.object|\.extend)\(\s*\{/g)) {
    let depth = 0
    let entry = ''
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      const c = text[i]!
      if (c === '{' || c === '(' || c === '[') depth++
      if (c === '}' || c === ')' || c === ']') depth--
      if (depth === 0) {
        keys.push(entry)
        break
      }
      if (depth === 1 && c === ',') {
        keys.push(entry)
        entry = ''
      } else if (!(depth === 1 && c === '{' && entry === '')) entry += c
    }
  }
  return keys
    .map((e) => /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([A-Za-z_$][\w$]*)\s*(?::|$)/.exec(e)?.[1])
    .filter((k): k is string => !!k)
}

function fieldsIn(text: string): string[] {
  const found = schemaKeys(text)
  for (const m of text.matchAll(/\b(?:formData|form)\.get\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)/g)) found.push(m[1]!)
  return found
}

/**
 * Id-bearing field names a route's action may read, each with where it was found. The route file
 * is read whole; imported modules only for the declarations the route uses (and what those use).
 */
export function idFieldsOf(routeFile: string): Map<string, string> {
  const out = new Map<string, string>()
  const seen = new Set<string>()
  const visit = (file: string, names: string[] | 'all') => {
    const mod = load(file)
    if (!mod) return
    const queue = names === 'all' ? [...mod.decls.keys()] : [...names]
    const texts: string[] = names === 'all' ? [mod.text] : []
    const pending = new Map<string, Set<string>>()
    while (queue.length) {
      const name = queue.shift()!
      const key = `${file}#${name}`
      if (seen.has(key)) continue
      seen.add(key)
      const own = mod.decls.get(name)
      if (own === undefined) {
        const imp = mod.imports.get(name)
        if (imp) pending.set(imp[0], new Set([...(pending.get(imp[0]) ?? []), imp[1]]))
        continue
      }
      if (names !== 'all') texts.push(own)
      for (const id of own.match(/[A-Za-z_$][\w$]*/g) ?? []) {
        if (id === name) continue
        if (mod.decls.has(id)) queue.push(id)
        else if (mod.imports.has(id)) queue.push(id)
      }
    }
    for (const text of texts)
      for (const f of fieldsIn(text)) if (ID_FIELD.test(f) && !out.has(f)) out.set(f, path.relative(ROOT, file))
    for (const [target, wanted] of pending) visit(target, [...wanted])
  }
  visit(path.join(ROUTES_DIR, routeFile), 'all')
  return out
}
