/**
 * Nothing personal leaves (issue 15, item 5): every open-data endpoint, every page of every
 * dataset as JSON and as CSV, the OpenAPI document, the DCAT catalogue and every partner badge,
 * over real HTTP, scanned for e-mail addresses, phone numbers, NIK/NIB/NPWP-like numbers, fields
 * named for contacts, people or inmates, and any value the database holds about a person (users'
 * names and e-mails, partners' contacts, NIB and NPWP, buyers' names, e-mails, phones and
 * addresses). Then leaks are planted in the server's database to prove the scan finds what gets
 * through, and that contacts typed into free text are blanked before they leave.
 */
import { describe, expect, test } from 'vitest'
import { DATASETS } from '#app/domain/opendata/datasets.ts'
import { type Finding, personalDataIn, REDACTED } from '#app/domain/opendata/privacy.ts'
import { send, serverDb } from './support.ts'
import { csvRows, walk } from './opendata-support.ts'

interface Secrets {
  /** users' names (a value equal to one is a leak) */
  names: Set<string>
  /** values that must appear nowhere in any answer */
  values: string[]
}

async function secrets(): Promise<Secrets> {
  const db = serverDb()
  const [users, partners, orders] = await Promise.all([
    db.selectFrom('users').select(['name', 'email']).execute(),
    db.selectFrom('partners').select(['name', 'contact_email', 'contact_phone', 'nib', 'npwp']).execute(),
    db.selectFrom('orders').select(['buyer_name', 'buyer_email', 'buyer_phone', 'address']).execute(),
  ])
  // A partner's registered name is public (the directories show it); an offtake order placed by a
  // partner carries it as the buyer's name, which makes it an organisation's name, not a person's.
  const organisations = new Set(partners.map((p) => p.name.trim().toLowerCase()))
  const person = (n: string | null) => typeof n === 'string' && !organisations.has(n.trim().toLowerCase())
  const names = new Set(
    [...users.map((u) => u.name), ...orders.map((o) => o.buyer_name)]
      .filter(person)
      .filter(Boolean)
      .map((n) => n.trim().toLowerCase()),
  )
  const values = [
    ...users.flatMap((u) => [u.name, u.email]),
    ...partners.flatMap((p) => [p.contact_email, p.contact_phone, p.nib, p.npwp]),
    ...orders.flatMap((o) => [person(o.buyer_name) ? o.buyer_name : null, o.buyer_email, o.buyer_phone, o.address]),
  ].filter((v): v is string => typeof v === 'string' && v.trim().length >= 5)
  return { names, values: [...new Set(values)] }
}

/** Everything personal in one answer: its fields and values (JSON walked, CSV by cell) and its raw text. */
function scan(where: string, text: string, contentType: string, s: Secrets): Finding[] {
  const found: Finding[] = []
  const visit = (path: string, key: string, v: unknown) => {
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(`${path}.${k}`, Array.isArray(v) ? key : k, x)
      return
    }
    found.push(...personalDataIn(`${where} ${path}`, key, v, s.names))
  }
  if (contentType.startsWith('text/csv')) {
    csvRows(text).forEach((row, i) => {
      for (const [k, v] of Object.entries(row)) found.push(...personalDataIn(`${where} row ${i + 1}`, k, v, s.names))
    })
  } else if (contentType.includes('json')) {
    // The OpenAPI document and the catalogue describe fields: their prose is scanned, not their keys.
    const describing = /openapi|data\.json/.test(where)
    if (describing) found.push(...personalDataIn(where, 'text', text, new Set()))
    else visit('$', '', JSON.parse(text))
  } else {
    found.push(...personalDataIn(where, 'text', text.replace(/<[^>]+>/g, ' '), s.names))
  }
  const lower = text.toLowerCase()
  for (const v of s.values) if (lower.includes(v.toLowerCase())) found.push({ where, what: 'user name', value: v })
  return found
}

/** Every answer of the open-data API and the badges, scanned. */
async function walkEverything(
  s: Secrets,
): Promise<{ findings: Finding[]; answers: number; rows: number; texts: string[] }> {
  const findings: Finding[] = []
  const texts: string[] = []
  let answers = 0
  let rows = 0
  const take = (where: string, r: { text: string; headers: Headers }) => {
    answers++
    texts.push(r.text)
    findings.push(...scan(where, r.text, r.headers.get('Content-Type') ?? '', s))
  }
  for (const path of ['/api/v1', '/api/v1/openapi.json', '/data.json']) take(path, await send(path))
  for (const d of DATASETS) {
    for (const first of [`/api/v1/${d.name}?limit=100`, `/api/v1/${d.name}.csv?limit=100`]) {
      for (const page of await walk(first)) {
        take(first, page)
        if (!first.includes('.csv')) rows += page.json<{ data: unknown[] }>().data.length
      }
    }
  }
  const partners = await serverDb().selectFrom('partners').select('slug').where('status', '=', 'verified').execute()
  for (const p of partners) {
    for (const lang of ['id', 'en']) {
      const r = await send(`/partners/${p.slug}/badge.svg?lang=${lang}`)
      expect(r.status).toBe(200)
      take(`badge ${p.slug}`, r)
    }
  }
  return { findings, answers, rows, texts }
}

describe('nothing personal leaves the open-data API', () => {
  test('every endpoint, every page, JSON and CSV, and every badge: no contact, personal number, person or inmate', async () => {
    const s = await secrets()
    expect(s.names.size).toBeGreaterThan(5)
    const { findings, answers, rows } = await walkEverything(s)
    expect(answers).toBeGreaterThan(DATASETS.length * 2)
    expect(rows).toBeGreaterThan(50)
    expect(findings).toEqual([])
  })

  test('the scan finds a leak that gets through (a user named as a product) and the API blanks contacts typed into free text', async () => {
    const db = serverDb()
    const s = await secrets()
    const product = await db
      .selectFrom('products')
      .select(['id', 'name'])
      .where('status', '=', 'published')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const offer = await db
      .selectFrom('offers')
      .select(['id', 'title'])
      .where('status', '=', 'open')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const partner = await db
      .selectFrom('partners')
      .select(['id', 'description'])
      .where('status', '=', 'verified')
      .where('org_type', '!=', 'individual')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const user = await db
      .selectFrom('users')
      .select('name')
      .where('email', '=', 'mitra@mitralipas.demo')
      .executeTakeFirstOrThrow()
    try {
      await db.updateTable('products').set({ name: user.name }).where('id', '=', product.id).execute()
      await db
        .updateTable('offers')
        .set({ title: 'Pelatihan menjahit, hubungi pelatih@contoh.id' })
        .where('id', '=', offer.id)
        .execute()
      await db
        .updateTable('partners')
        .set({
          description:
            'Hubungi kami di 0812-3456-7890 atau +62 21 555 1234, NIK 3578012345670001, surel info@tenun.co.id.',
        })
        .where('id', '=', partner.id)
        .execute()
      const { findings, texts } = await walkEverything(s)
      // The planted name is found, in the JSON and in the CSV of the products…
      const names = findings.filter((f) => f.what === 'user name' && f.value.toLowerCase() === user.name.toLowerCase())
      expect(names.some((f) => f.where.startsWith('/api/v1/products?'))).toBe(true)
      expect(names.some((f) => f.where.startsWith('/api/v1/products.csv'))).toBe(true)
      // …and nothing else: the contacts typed into the title and the description never left.
      expect(findings.filter((f) => !names.includes(f))).toEqual([])
      const all = texts.join('\n')
      for (const typed of ['pelatih@contoh.id', '0812-3456-7890', '555 1234', '3578012345670001', 'info@tenun.co.id'])
        expect(all).not.toContain(typed)
      expect(all).toContain(`Pelatihan menjahit, hubungi ${REDACTED}`)
      expect(all).toContain(`Hubungi kami di ${REDACTED} atau ${REDACTED}, NIK ${REDACTED}, surel ${REDACTED}.`)
    } finally {
      await db.updateTable('products').set({ name: product.name }).where('id', '=', product.id).execute()
      await db.updateTable('offers').set({ title: offer.title }).where('id', '=', offer.id).execute()
      await db.updateTable('partners').set({ description: partner.description }).where('id', '=', partner.id).execute()
    }
  })
})
