import fs from 'node:fs'
import path from 'node:path'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { type Dict, type Lang, MESSAGES } from '#app/i18n/index.ts'
import { MessagesProvider } from '#app/web/i18n.tsx'
import { ROOT } from '#tests/setup/paths.ts'

const ROUTES = path.join(ROOT, 'app/routes')
const routeFiles = fs
  .readdirSync(ROUTES)
  .filter((f) => /\.tsx?$/.test(f))
  .sort()
const sources = routeFiles.map((file) => ({ file, text: fs.readFileSync(path.join(ROUTES, file), 'utf8') }))

/** Skips a `${…}` expression starting at `i` (just after `${`); returns the index after its `}`. */
function skipExpression(src: string, i: number): number {
  let depth = 1
  while (i < src.length) {
    const c = src[i]!
    if (c === '`') i = readTemplate(src, i).end
    else if (c === "'" || c === '"') i = readQuoted(src, i).end
    else {
      if (c === '{') depth++
      if (c === '}' && --depth === 0) return i + 1
      i++
    }
  }
  return i
}

function readQuoted(src: string, i: number): { end: number; text: string } {
  const quote = src[i]!
  let text = ''
  for (i++; i < src.length && src[i] !== quote; i++) text += src[i] === '\\' ? src[++i] : src[i]
  return { end: i + 1, text }
}

/** A template literal's own text, its `${…}` parts left out (they may hold templates of their own). */
function readTemplate(src: string, i: number): { end: number; text: string } {
  let text = ''
  for (i++; i < src.length;) {
    const c = src[i]!
    if (c === '`') return { end: i + 1, text }
    if (c === '$' && src[i + 1] === '{') {
      i = skipExpression(src, i + 2)
    } else {
      text += c === '\\' ? src[++i] : c
      i++
    }
  }
  return { end: i, text }
}

/** Literal text given to `title:` or `content:` anywhere in a source (a call or a name yields nothing). */
function literalsAfter(src: string, prop: 'title' | 'content'): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = []
  for (const m of src.matchAll(new RegExp(`\\b${prop}:\\s*`, 'g'))) {
    const at = m.index + m[0].length
    const c = src[at]
    if (c !== "'" && c !== '"' && c !== '`') continue
    const { text } = c === '`' ? readTemplate(src, at) : readQuoted(src, at)
    out.push({ line: src.slice(0, at).split('\n').length, text })
  }
  return out
}

/** The portal's name reads the same in every language; any other letters are copy to translate. */
const hasWords = (text: string) => /\p{L}/u.test(text.replaceAll('Mitra Lipas', ''))
/** A title with words, or prose in a meta `content` (tokens like 'noindex' are not copy). */
const literalCopy = (src: string) => [
  ...literalsAfter(src, 'title').filter((l) => hasWords(l.text)),
  ...literalsAfter(src, 'content').filter((l) => hasWords(l.text) && /\s/.test(l.text)),
]

describe('page titles', () => {
  test('no route writes a page title or description as literal text: each is a message in both languages', () => {
    const found = sources.flatMap(({ file, text }) => literalCopy(text).map((l) => `${file}:${l.line} ${l.text}`))
    expect(found).toEqual([])
  })

  test('the scan catches a literal title, a templated one and a literal description, and passes messages', () => {
    expect(literalCopy("[{ title: 'Keranjang · Mitra Lipas' }]")).toHaveLength(1)
    expect(literalCopy("[{ title: `${data?.a.number ?? 'Kerja sama'} · Faktur · Mitra Lipas` }]")).toHaveLength(1)
    expect(literalCopy("[{ title:\n    'Keranjang' }]")).toHaveLength(1)
    expect(literalCopy("{ name: 'description', content: 'Produk karya warga binaan.' }")).toHaveLength(1)
    expect(
      literalCopy("[{ title: pageTitle(matches, 'title.cart') }, { name: 'robots', content: 'noindex' }]"),
    ).toEqual([])
    expect(literalCopy("{ title: recordTitle(matches, `${p.name} · ${p.upt_name}`, 'title.product') }")).toEqual([])
    expect(literalCopy("seo: { title: `${q ? `${q} · ` : ''}${t('catalog.title')} · Mitra Lipas` }")).toEqual([])
  })

  test('every title and description key a route uses exists in both languages', () => {
    const missing: string[] = []
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/'((?:title|description)\.[A-Za-z0-9_]+)'/g)) {
        for (const lang of ['id', 'en'] as const)
          if (!(m[1]! in MESSAGES[lang])) missing.push(`${m[1]} (${lang}, ${file})`)
      }
    }
    expect(missing).toEqual([])
  })

  test("every page's meta follows the root loader's language, with all languages (server) or only the active one (browser)", async () => {
    const pages = sources.filter((s) => /export (const|function) meta\b/.test(s.text))
    expect(pages.length).toBeGreaterThan(60)
    const titles = async (lang: Lang, dicts: Partial<Record<Lang, Dict>>) => {
      // What entry.server.tsx and entry.client.tsx do: the provider hands meta its messages.
      renderToString(createElement(MessagesProvider, { value: { dicts, hrefs: {} }, children: null }))
      const out: Record<string, string> = {}
      for (const { file } of pages) {
        const mod = (await import(/* @vite-ignore */ path.join(ROUTES, file))) as {
          meta: (args: unknown) => { title?: string }[]
        }
        const matches = [{ id: 'root', pathname: '/', params: {}, data: { lang }, meta: [] }]
        const meta = mod.meta({ data: undefined, params: {}, location: { pathname: '/' }, matches, error: undefined })
        out[file] = meta.find((d) => d.title !== undefined)?.title ?? ''
      }
      return out
    }
    const id = await titles('id', MESSAGES)
    const en = await titles('en', MESSAGES)
    const enInBrowser = await titles('en', { en: MESSAGES.en })
    const idInBrowser = await titles('id', { id: MESSAGES.id })
    expect(enInBrowser).toEqual(en)
    expect(idInBrowser).toEqual(id)
    // Indonesian titles are as they were before they became messages.
    expect(id['login.tsx']).toBe('Masuk · Mitra Lipas')
    expect(id['cart.tsx']).toBe('Keranjang · Mitra Lipas')
    expect(id['_index.tsx']).toBe('Mitra Lipas · Kemitraan Pokmas Lipas & produk warga binaan')
    expect(en['login.tsx']).toBe('Log in · Mitra Lipas')
    expect(en['impact.tsx']).toBe('Impact and realisation · Mitra Lipas')
    // No key leaks through, every page has a title, and English differs wherever the words do.
    const same = new Set([
      'checkout.tsx',
      'admin._index.tsx',
      'admin.upts.$uptId.tsx',
      'dev.outbox.tsx',
      'upt.$uptId._index.tsx',
      'upt.$uptId.programs.$programId.tsx',
      'programs.$programId.tsx',
    ])
    for (const file of Object.keys(id)) {
      expect(id[file], file).toMatch(/Mitra Lipas/)
      expect(`${id[file]} ${en[file]}`, file).not.toMatch(/\b(title|description)\.[A-Za-z]/)
      if (!same.has(file)) expect(en[file], file).not.toBe(id[file])
    }
  })
})
