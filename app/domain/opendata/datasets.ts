import type { DB } from '#db/client.ts'
import { searchCatalog } from '#app/domain/catalog/products.ts'
import { listOpenOffers } from '#app/domain/offers/queries.ts'
import { realisationRows, realisationYears } from '#app/domain/outcomes/realisation.ts'
import { listTargets } from '#app/domain/outcomes/targets.ts'
import { listVerifiedPartners, partnerAreas } from '#app/domain/partners/queries.ts'
import { yearlyRealisation } from '#app/domain/pnbp/report.ts'
import { listActivePrograms, listOpenNeeds } from '#app/domain/programs/queries.ts'
import { SUPPORT_KINDS, type SupportKind } from '#app/domain/registry/kinds.ts'
import { listPlaces, listSectors } from '#app/domain/registry/reference.ts'
import { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { todayIn } from '#app/lib/time.ts'
import { redactContacts } from './privacy.ts'

/**
 * The datasets of the open-data API (`/api/v1/<name>`, issue 15 item 4; ADR 026): what each
 * holds, its fields and filters, and how a page of it is read from the same domain queries as the
 * public pages (/impact, the catalogue, the directories, the finance reports). The OpenAPI
 * document, the /data page and the /data.json catalogue are all made from this list, so they
 * cannot drift from what the endpoints send.
 */

export type Value = string | number | boolean | null
export type Row = Record<string, Value>
type Text = { id: string; en: string }

export interface FieldSpec {
  name: string
  type: 'string' | 'integer' | 'boolean'
  nullable?: boolean
  format?: 'date' | 'uri'
  enum?: readonly string[]
  /** what the field holds, in both languages */
  text: Text
}

export interface ParamSpec {
  name: string
  type: 'integer' | 'string'
  minimum?: number
  maximum?: number
  enum?: readonly string[]
  /** a value that must name a record of the reference data */
  ref?: 'province' | 'kanwil' | 'upt' | 'sector' | 'uptSlug'
  text: Text
}

export type Params = Record<string, string | number>

export interface Dataset {
  name: string
  title: Text
  description: Text
  /** how often the figures change (ISO 8601 repeating duration for DCAT, words for people) */
  accrualPeriodicity: 'R/P1D' | 'R/P1M'
  frequency: Text
  keywords: string[]
  fields: FieldSpec[]
  params: ParamSpec[]
  /** one page of rows in a stable order, and how many rows match in all */
  read(
    db: DB,
    params: Params,
    page: { offset: number; limit: number },
    appUrl: string,
  ): Promise<{ rows: Row[]; total: number }>
}

const DAILY: Pick<Dataset, 'accrualPeriodicity' | 'frequency'> = {
  accrualPeriodicity: 'R/P1D',
  frequency: { id: 'Setiap hari (data langsung dari portal)', en: 'Daily (live from the portal)' },
}

const f = (
  name: string,
  type: FieldSpec['type'],
  id: string,
  en: string,
  more: Partial<FieldSpec> = {},
): FieldSpec => ({ name, type, text: { id, en }, ...more })
const kindParam: ParamSpec = {
  name: 'kind',
  type: 'string',
  enum: SUPPORT_KINDS,
  text: { id: 'Jenis dukungan', en: 'Kind of support' },
}
const provinceParam: ParamSpec = {
  name: 'province',
  type: 'string',
  ref: 'province',
  text: { id: 'ID provinsi', en: 'Province id' },
}
const sectorParam: ParamSpec = {
  name: 'sector',
  type: 'string',
  ref: 'sector',
  text: { id: 'ID sektor', en: 'Sector id' },
}
const yearParam: ParamSpec = {
  name: 'year',
  type: 'integer',
  minimum: 2000,
  maximum: 2100,
  text: { id: 'Tahun', en: 'Year' },
}
const kindField = (nullable = false) =>
  f('kind', 'string', 'Jenis dukungan', 'Kind of support', { enum: SUPPORT_KINDS, nullable })

/** A page of rows already held in memory (aggregates small enough to compute whole). */
function slice(rows: Row[], page: { offset: number; limit: number }) {
  return { rows: rows.slice(page.offset, page.offset + page.limit), total: rows.length }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
const num = (v: unknown) => (typeof v === 'number' ? v : undefined)

export const DATASETS: Dataset[] = [
  {
    name: 'realisation',
    title: { id: 'Realisasi pembinaan kemandirian', en: 'Realisation of skills programmes' },
    description: {
      id: 'Jumlah warga binaan yang dilatih dan disertifikasi per tahun, triwulan, UPT (dengan provinsi dan Kanwil-nya) dan jenis dukungan. Hanya jumlah; tidak ada data perorangan.',
      en: 'People trained and certified per year, quarter, UPT (with its province and Kanwil) and kind of support. Counts only; no individual records.',
    },
    ...DAILY,
    keywords: ['pembinaan', 'pelatihan', 'sertifikasi', 'warga binaan', 'realisasi'],
    fields: [
      f('year', 'integer', 'Tahun', 'Year'),
      f('quarter', 'integer', 'Triwulan (1–4)', 'Quarter (1–4)'),
      f('kanwil_id', 'string', 'ID Kanwil', 'Kanwil id'),
      f('kanwil_name', 'string', 'Kanwil', 'Kanwil (regional office)'),
      f('province_id', 'string', 'ID provinsi', 'Province id'),
      f('province_name', 'string', 'Provinsi', 'Province'),
      f('upt_id', 'string', 'ID UPT', 'UPT id'),
      f(
        'upt_name',
        'string',
        'UPT (Lapas, Rutan, LPKA, Bapas)',
        'UPT (prison, remand centre, juvenile facility, probation office)',
      ),
      kindField(true),
      f('trained', 'integer', 'Jumlah dilatih', 'People trained'),
      f('certified', 'integer', 'Jumlah tersertifikasi', 'People certified'),
    ],
    params: [
      yearParam,
      { name: 'quarter', type: 'integer', minimum: 1, maximum: 4, text: { id: 'Triwulan', en: 'Quarter' } },
      { name: 'kanwil', type: 'string', ref: 'kanwil', text: { id: 'ID Kanwil', en: 'Kanwil id' } },
      provinceParam,
      { name: 'upt', type: 'string', ref: 'upt', text: { id: 'ID UPT', en: 'UPT id' } },
      kindParam,
    ],
    async read(db, p, page) {
      const rows = await realisationRows(db, {
        year: num(p.year),
        quarter: num(p.quarter),
        kanwilId: str(p.kanwil),
        provinceId: str(p.province),
        uptId: str(p.upt),
        kind: str(p.kind) as SupportKind | undefined,
      })
      return slice(rows, page)
    },
  },
  {
    name: 'realisation-targets',
    title: { id: 'Target realisasi', en: 'Realisation targets' },
    description: {
      id: 'Target tahunan jumlah dilatih dan tersertifikasi: nasional, per Kanwil dan per UPT.',
      en: 'Yearly targets of people trained and certified: national, per Kanwil and per UPT.',
    },
    ...DAILY,
    keywords: ['target', 'pembinaan', 'realisasi'],
    fields: [
      f('year', 'integer', 'Tahun', 'Year'),
      f('scope', 'string', 'Cakupan target', 'Scope of the target', { enum: ['national', 'kanwil', 'upt'] }),
      f('scope_id', 'string', 'ID Kanwil atau UPT (kosong untuk nasional)', 'Kanwil or UPT id (empty for national)', {
        nullable: true,
      }),
      f('scope_name', 'string', 'Nama cakupan', 'Name of the scope'),
      f('trained_target', 'integer', 'Target dilatih', 'Target of people trained', { nullable: true }),
      f('certified_target', 'integer', 'Target tersertifikasi', 'Target of people certified', { nullable: true }),
    ],
    params: [yearParam],
    async read(db, p, page) {
      const year = num(p.year)
      const years = year ? [year] : await realisationYears(db)
      const rows: Row[] = []
      for (const y of years) {
        for (const t of await listTargets(db, y, null)) {
          rows.push({
            year: y,
            scope: t.scopeType,
            scope_id: t.scopeId || null,
            scope_name: t.name ?? 'Indonesia',
            trained_target: t.trained,
            certified_target: t.certified,
          })
        }
      }
      return slice(rows, page)
    },
  },
  {
    name: 'programs',
    title: { id: 'Program pembinaan', en: 'Programmes' },
    description: {
      id: 'Program kerja dan pelatihan yang aktif di UPT, dengan jenis kebutuhan yang masih terbuka.',
      en: 'Active work and training programmes at UPTs, with the kinds of need still open.',
    },
    ...DAILY,
    keywords: ['program', 'kebutuhan', 'UPT'],
    fields: [
      f('id', 'string', 'ID program', 'Programme id'),
      f('slug', 'string', 'Slug', 'Slug'),
      f('title', 'string', 'Judul', 'Title'),
      f('upt_name', 'string', 'UPT', 'UPT'),
      f('upt_type', 'string', 'Jenis UPT', 'UPT type', { enum: ['lapas', 'rutan', 'lpka', 'bapas'] }),
      f('province_name', 'string', 'Provinsi', 'Province'),
      f('sector', 'string', 'Sektor', 'Sector'),
      f('participants', 'integer', 'Jumlah peserta', 'Number of participants', { nullable: true }),
      f(
        'open_kinds',
        'string',
        'Jenis kebutuhan terbuka (dipisah titik koma)',
        'Kinds of open need (semicolon-separated)',
      ),
      f('next_needed_by', 'string', 'Kebutuhan terdekat', 'Earliest open need by', { nullable: true, format: 'date' }),
      f('url', 'string', 'Halaman program', 'Programme page', { format: 'uri' }),
    ],
    params: [kindParam, provinceParam, sectorParam],
    async read(db, p, page, appUrl) {
      const r = await listActivePrograms(db, {
        kind: str(p.kind) as SupportKind | undefined,
        provinceId: str(p.province),
        sectorId: str(p.sector),
        sort: 'newest',
        ...page,
      })
      return {
        total: r.total,
        rows: r.items.map((g) => ({
          id: g.id,
          slug: g.slug,
          title: g.title,
          upt_name: g.upt_name,
          upt_type: g.upt_type,
          province_name: g.province_name,
          sector: g.sector_name_id,
          participants: g.participants ?? null,
          open_kinds: [...g.open_kinds].sort().join(';'),
          next_needed_by: g.next_needed_by ?? null,
          url: `${appUrl}/programs/${g.slug}`,
        })),
      }
    },
  },
  {
    name: 'program-needs',
    title: { id: 'Kebutuhan program yang terbuka', en: 'Open programme needs' },
    description: {
      id: 'Kebutuhan program aktif yang belum terpenuhi: jenis, jumlah, yang sudah tertutup dan tenggat.',
      en: 'Needs of active programmes not yet covered: kind, quantity, quantity covered and date needed.',
    },
    ...DAILY,
    keywords: ['kebutuhan', 'program', 'dukungan'],
    fields: [
      f('id', 'string', 'ID kebutuhan', 'Need id'),
      f('program_id', 'string', 'ID program', 'Programme id'),
      f('program_title', 'string', 'Program', 'Programme'),
      f('upt_name', 'string', 'UPT', 'UPT'),
      kindField(),
      f('quantity', 'integer', 'Jumlah dibutuhkan', 'Quantity needed'),
      f('quantity_covered', 'integer', 'Jumlah sudah tertutup', 'Quantity covered'),
      f('unit', 'string', 'Satuan', 'Unit'),
      f('needed_by', 'string', 'Dibutuhkan paling lambat', 'Needed by', { nullable: true, format: 'date' }),
      f('program_url', 'string', 'Halaman program', 'Programme page', { format: 'uri' }),
    ],
    params: [kindParam, provinceParam],
    async read(db, p, page, appUrl) {
      const r = await listOpenNeeds(db, {
        kind: str(p.kind) as SupportKind | undefined,
        provinceId: str(p.province),
        ...page,
      })
      return {
        total: r.total,
        rows: r.items.map((n) => ({
          id: n.id,
          program_id: n.program_id,
          program_title: n.program_title,
          upt_name: n.upt_name,
          kind: n.kind,
          quantity: n.quantity,
          quantity_covered: n.quantity_covered,
          unit: n.unit,
          needed_by: n.needed_by ?? null,
          program_url: `${appUrl}/programs/${n.program_slug}`,
        })),
      }
    },
  },
  {
    name: 'offers',
    title: { id: 'Penawaran terbuka', en: 'Open offers' },
    description: {
      id: 'Penawaran dukungan dari mitra terverifikasi yang berlaku hari ini, dengan sisa kapasitasnya.',
      en: 'Offers of support from verified partners valid today, with their remaining capacity.',
    },
    ...DAILY,
    keywords: ['penawaran', 'mitra', 'dukungan'],
    fields: [
      f('id', 'string', 'ID penawaran', 'Offer id'),
      kindField(),
      f('title', 'string', 'Judul', 'Title'),
      f('partner_slug', 'string', 'Slug mitra', 'Partner slug'),
      f('partner_name', 'string', 'Mitra', 'Partner'),
      f('national', 'boolean', 'Berlaku nasional', 'Offered nationwide'),
      f('unit', 'string', 'Satuan', 'Unit'),
      f('capacity_total', 'integer', 'Kapasitas', 'Capacity'),
      f('capacity_remaining', 'integer', 'Sisa kapasitas', 'Capacity remaining'),
      f('valid_until', 'string', 'Berlaku sampai', 'Valid until', { format: 'date' }),
      f('url', 'string', 'Halaman penawaran', 'Offer page', { format: 'uri' }),
    ],
    params: [kindParam, provinceParam, sectorParam],
    async read(db, p, page, appUrl) {
      const r = await listOpenOffers(db, {
        kind: str(p.kind) as SupportKind | undefined,
        provinceId: str(p.province),
        sectorId: str(p.sector),
        sort: 'newest',
        ...page,
      })
      return {
        total: r.total,
        rows: r.items.map((o) => ({
          id: o.id,
          kind: o.kind,
          title: o.title,
          partner_slug: o.partner_slug,
          partner_name: o.partner_name,
          national: o.national === 1,
          unit: o.unit,
          capacity_total: o.capacity_total,
          capacity_remaining: o.capacity_remaining,
          valid_until: o.valid_until,
          url: `${appUrl}/offers/${o.id}`,
        })),
      }
    },
  },
  {
    name: 'partners',
    title: { id: 'Mitra terverifikasi', en: 'Verified partners' },
    description: {
      id: 'Mitra Pokmas Lipas yang sudah diverifikasi: jenis organisasi, wilayah dan sektor yang dilayani. Tanpa kontak, NIB atau NPWP; nama mitra perorangan tidak dibuka.',
      en: 'Verified Pokmas Lipas partners: kind of organisation, provinces and sectors served. No contacts, NIB or NPWP; individual partners are not named.',
    },
    ...DAILY,
    keywords: ['mitra', 'Pokmas Lipas'],
    fields: [
      f('slug', 'string', 'Slug', 'Slug'),
      f('name', 'string', 'Nama organisasi (kosong untuk perorangan)', 'Organisation name (empty for individuals)', {
        nullable: true,
      }),
      f('org_type', 'string', 'Jenis organisasi', 'Kind of organisation', { enum: ORG_TYPES }),
      f('description', 'string', 'Deskripsi (kontak dihapus)', 'Description (contacts removed)', { nullable: true }),
      f('website', 'string', 'Situs web', 'Website', { nullable: true }),
      f('national', 'boolean', 'Melayani seluruh Indonesia', 'Serves all of Indonesia'),
      f('provinces', 'string', 'Provinsi yang dilayani (dipisah titik koma)', 'Provinces served (semicolon-separated)'),
      f('sectors', 'string', 'Sektor (dipisah titik koma)', 'Sectors (semicolon-separated)'),
      f('verified_on', 'string', 'Tanggal verifikasi', 'Date verified', { nullable: true, format: 'date' }),
      f('profile_url', 'string', 'Halaman mitra', 'Partner page', { format: 'uri' }),
      f('impact_url', 'string', 'Halaman dampak (bila dibuka mitra)', 'Impact page (when the partner opened it)', {
        nullable: true,
        format: 'uri',
      }),
    ],
    params: [
      provinceParam,
      sectorParam,
      {
        name: 'org_type',
        type: 'string',
        enum: ORG_TYPES,
        text: { id: 'Jenis organisasi', en: 'Kind of organisation' },
      },
    ],
    async read(db, p, page, appUrl) {
      const r = await listVerifiedPartners(db, {
        provinceId: str(p.province),
        sectorId: str(p.sector),
        orgType: str(p.org_type),
        ...page,
      })
      const areas = await partnerAreas(
        db,
        r.items.map((x) => x.id),
      )
      return {
        total: r.total,
        rows: r.items.map((x) => {
          // A person who partners alone is a person: bulk, re-usable data does not name them.
          const person = x.org_type === 'individual'
          return {
            slug: x.slug,
            name: person ? null : x.name,
            org_type: x.org_type,
            description: person || !x.description ? null : x.description,
            website: x.website ?? null,
            national: x.national === 1,
            provinces: areas.get(x.id)!.provinces.join(';'),
            sectors: areas.get(x.id)!.sectors.join(';'),
            verified_on: x.verified_at?.slice(0, 10) ?? null,
            profile_url: `${appUrl}/partners/${x.slug}`,
            impact_url: x.impact_public === 1 ? `${appUrl}/partners/${x.slug}/impact` : null,
          }
        }),
      }
    },
  },
  {
    name: 'products',
    title: { id: 'Katalog produk warga binaan', en: 'Catalogue of products made in prison programmes' },
    description: {
      id: 'Produk yang sedang dijual di portal: harga (rupiah), satuan, ketersediaan, UPT dan provinsi pembuatnya.',
      en: 'Products on sale on the portal: price (rupiah), unit, availability, and the UPT and province that make them.',
    },
    ...DAILY,
    keywords: ['produk', 'katalog', 'warga binaan', 'UMKM'],
    fields: [
      f('slug', 'string', 'Slug', 'Slug'),
      f('name', 'string', 'Nama produk', 'Product name'),
      f('category', 'string', 'Kategori', 'Category'),
      f('price', 'integer', 'Harga (rupiah)', 'Price (rupiah)'),
      f('unit', 'string', 'Satuan', 'Unit'),
      f('stock_mode', 'string', 'Stok atau dibuat sesuai pesanan', 'From stock or made to order', {
        enum: ['stock', 'made_to_order'],
      }),
      f('in_stock', 'boolean', 'Bisa dipesan sekarang', 'Can be ordered now'),
      f('lead_time_days', 'integer', 'Waktu pembuatan (hari)', 'Lead time (days)', { nullable: true }),
      f('upt_slug', 'string', 'Slug etalase UPT', 'UPT store slug'),
      f('upt_name', 'string', 'UPT', 'UPT'),
      f('province_name', 'string', 'Provinsi', 'Province'),
      f('url', 'string', 'Halaman produk', 'Product page', { format: 'uri' }),
      f('image_url', 'string', 'Foto kecil', 'Thumbnail', { nullable: true, format: 'uri' }),
    ],
    params: [
      {
        name: 'category',
        type: 'string',
        ref: 'sector',
        text: { id: 'ID kategori (sektor)', en: 'Category (sector) id' },
      },
      provinceParam,
      { name: 'upt', type: 'string', ref: 'uptSlug', text: { id: 'Slug etalase UPT', en: 'UPT store slug' } },
    ],
    async read(db, p, page, appUrl) {
      const r = await searchCatalog(db, {
        category: str(p.category),
        province: str(p.province),
        upt: str(p.upt),
        sort: 'newest',
        page: 1,
        pageSize: page.limit,
        offset: page.offset,
      })
      return {
        total: r.total,
        rows: r.rows.map((x) => ({
          slug: x.slug,
          name: x.name,
          category: x.sector_name_id,
          price: x.price,
          unit: x.unit,
          stock_mode: x.stock_mode,
          in_stock: x.stock_mode === 'made_to_order' || x.stock > 0,
          lead_time_days: x.lead_time_days ?? null,
          upt_slug: x.upt_slug,
          upt_name: x.upt_name,
          province_name: x.province_name,
          url: `${appUrl}/products/${x.slug}`,
          image_url: x.thumb ? `${appUrl}/uploads/${x.thumb}` : null,
        })),
      }
    },
  },
  {
    name: 'pnbp',
    title: { id: 'Realisasi PNBP per UPT per bulan', en: 'PNBP (non-tax state revenue) per UPT per month' },
    description: {
      id: 'PNBP terutang dari penjualan produk, yang sudah disetor ke kas negara, dan target tahunan UPT, per bulan (rupiah). Hanya agregat.',
      en: 'PNBP owed on product sales, deposited to the treasury, and the UPT’s yearly target, per month (rupiah). Aggregates only.',
    },
    ...DAILY,
    keywords: ['PNBP', 'penerimaan negara bukan pajak', 'keuangan'],
    fields: [
      f('year', 'integer', 'Tahun', 'Year'),
      f('month', 'string', 'Bulan (TTTT-BB)', 'Month (YYYY-MM)'),
      f('upt_id', 'string', 'ID UPT', 'UPT id'),
      f('upt_name', 'string', 'UPT', 'UPT'),
      f('pnbp_due', 'integer', 'PNBP terutang (rupiah)', 'PNBP due (rupiah)'),
      f('pnbp_deposited', 'integer', 'PNBP disetor (rupiah)', 'PNBP deposited (rupiah)'),
      f('pnbp_target_year', 'integer', 'Target PNBP setahun (rupiah)', 'Yearly PNBP target (rupiah)'),
    ],
    params: [
      { ...yearParam, text: { id: 'Tahun (bawaan: tahun ini)', en: 'Year (default: this year)' } },
      { name: 'upt', type: 'string', ref: 'upt', text: { id: 'ID UPT', en: 'UPT id' } },
    ],
    async read(db, p, page) {
      const today = todayIn()
      const year = num(p.year) ?? Number(today.slice(0, 4))
      const thisMonth = today.slice(0, 7)
      const upts = await yearlyRealisation(db, { year, uptId: str(p.upt) })
      const rows: Row[] = []
      for (const u of upts) {
        for (const m of u.byMonth) {
          const month = `${year}-${String(m.month).padStart(2, '0')}`
          // Nothing is reported for a month that has not begun.
          if (month > thisMonth) continue
          rows.push({
            year,
            month,
            upt_id: u.uptId,
            upt_name: u.uptName,
            pnbp_due: m.due,
            pnbp_deposited: m.deposited,
            pnbp_target_year: u.target,
          })
        }
      }
      return slice(rows, page)
    },
  },
]

/** Fields people type freely (titles, names, descriptions, units): checked for contacts before they leave. */
function freeText(field: FieldSpec): boolean {
  return field.type === 'string' && !field.format && !field.enum && !/(^id$|_id$|slug$|^month$)/.test(field.name)
}

/**
 * One page of a dataset as it may leave the portal: only the dataset's fields, in its order, and
 * any e-mail address, phone number or personal number typed into free text blanked (issue 15,
 * item 5). Every endpoint reads through here.
 */
export async function readPublic(
  db: DB,
  dataset: Dataset,
  params: Params,
  page: { offset: number; limit: number },
  appUrl: string,
) {
  const { rows, total } = await dataset.read(db, params, page, appUrl)
  return {
    total,
    rows: rows.map((row) =>
      Object.fromEntries(
        dataset.fields.map((f) => {
          const v = row[f.name] ?? null
          return [f.name, typeof v === 'string' && freeText(f) ? redactContacts(v) : v]
        }),
      ),
    ),
  }
}

export function datasetNamed(name: string): Dataset | undefined {
  return DATASETS.find((d) => d.name === name)
}

/** A parameter the API refuses, and why (shown to the developer in the problem document). */
export class ParamError extends Error {
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {
    super(`${param}: ${reason}`)
  }
}

/** Parameters every dataset takes besides its filters. */
export const PAGING_PARAMS = ['limit', 'cursor', 'format'] as const
export const MAX_LIMIT = 100
export const DEFAULT_LIMIT = 50

/**
 * A dataset's filters from the query string, checked: unknown parameters, values of the wrong
 * shape or out of range and ids that name nothing are refused with the parameter and the reason.
 */
export async function parseParams(db: DB, dataset: Dataset, query: URLSearchParams): Promise<Params> {
  for (const name of new Set(query.keys())) {
    if (!dataset.params.some((p) => p.name === name) && !(PAGING_PARAMS as readonly string[]).includes(name)) {
      throw new ParamError(
        name,
        `unknown parameter; this dataset takes ${[...dataset.params.map((p) => p.name), ...PAGING_PARAMS].join(', ')}`,
      )
    }
    if (query.getAll(name).length > 1) throw new ParamError(name, 'given more than once')
  }
  const out: Params = {}
  let places: Awaited<ReturnType<typeof listPlaces>> | undefined
  let sectors: Awaited<ReturnType<typeof listSectors>> | undefined
  for (const spec of dataset.params) {
    const raw = query.get(spec.name)
    if (raw === null || raw === '') continue
    if (spec.type === 'integer') {
      const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN
      if (
        !Number.isInteger(n) ||
        (spec.minimum !== undefined && n < spec.minimum) ||
        (spec.maximum !== undefined && n > spec.maximum)
      ) {
        throw new ParamError(spec.name, `must be a whole number from ${spec.minimum} to ${spec.maximum}`)
      }
      out[spec.name] = n
      continue
    }
    if (raw.length > 100) throw new ParamError(spec.name, 'longer than 100 characters')
    if (spec.enum && !spec.enum.includes(raw)) throw new ParamError(spec.name, `must be one of ${spec.enum.join(', ')}`)
    if (spec.ref) {
      let known: boolean
      if (spec.ref === 'sector') known = (sectors ??= await listSectors(db)).some((s) => s.id === raw)
      else {
        places ??= await listPlaces(db)
        const list = spec.ref === 'province' ? places.provinces : spec.ref === 'kanwil' ? places.kanwils : places.upts
        known = spec.ref === 'uptSlug' ? await uptSlugExists(db, raw) : list.some((x) => x.id === raw)
      }
      if (!known) throw new ParamError(spec.name, `no ${spec.ref === 'uptSlug' ? 'UPT store' : spec.ref} has this id`)
    }
    out[spec.name] = raw
  }
  return out
}

async function uptSlugExists(db: DB, slug: string): Promise<boolean> {
  return !!(await db.selectFrom('upts').select('id').where('slug', '=', slug).executeTakeFirst())
}
