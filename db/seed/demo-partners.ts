import type { DB } from '../client.ts'
import type { OrgType, PartnerStatus, ProgramStatus, SecurityLevel, SupportKindName } from '../schema.ts'
import { OfferTermsSchema, KIND_UNIT, capacityOf } from '../../app/domain/offers/terms.ts'
import { newId, slugify } from '../../app/lib/ids.ts'

/**
 * Demo partners (verified, across provinces), programs with needs at UPTs in 14 provinces (one
 * Bapas) and open offers of all five kinds. Deterministic: fixed names, dates and amounts.
 */
interface DemoPartner {
  slug: string
  name: string
  org_type: OrgType
  status: PartnerStatus
  email: string
  description: string
  national?: boolean
  provinces: string[]
  sectors: string[]
  nib?: string
}

export const DEMO_PARTNER_PROFILES: DemoPartner[] = [
  {
    slug: 'tenun-nusantara',
    name: 'Tenun Nusantara',
    org_type: 'company',
    status: 'verified',
    email: 'mitra@mitralipas.demo',
    description: 'Usaha tenun yang menampung kain hasil pelatihan di Lapas Kediri.',
    provinces: ['35', '52', '53'],
    sectors: ['tenun', 'batik_textile'],
    nib: '9120001234567',
  },
  {
    slug: 'plastik-karya-mandiri',
    name: 'PT Plastik Karya Mandiri',
    org_type: 'company',
    status: 'verified',
    email: 'kemitraan@plastikkarya.demo',
    description: 'Produsen barang plastik cetak injeksi; menempatkan mesin dan membeli hasil produksi.',
    provinces: ['32', '31', '36'],
    sectors: ['manufacturing'],
    nib: '8120004455667',
  },
  {
    slug: 'yayasan-bina-insan',
    name: 'Yayasan Bina Insan Mandiri',
    org_type: 'ngo',
    status: 'verified',
    email: 'program@binainsan.demo',
    description: 'Yayasan pelatihan keterampilan bersertifikat BNSP bagi warga binaan dan klien Bapas.',
    national: true,
    provinces: [],
    sectors: ['garment', 'food', 'services', 'digital'],
  },
  {
    slug: 'koperasi-mebel-jepara',
    name: 'Koperasi Mebel Jati Jepara',
    org_type: 'cooperative',
    status: 'verified',
    email: 'koperasi@mebeljepara.demo',
    description: 'Koperasi perajin mebel jati; mendampingi desain dan menampung produk.',
    provinces: ['33', '34'],
    sectors: ['furniture', 'crafts'],
  },
  {
    slug: 'lppm-universitas-udayana',
    name: 'LPPM Universitas Udayana',
    org_type: 'university',
    status: 'verified',
    email: 'lppm@udayana.demo',
    description: 'Pengabdian masyarakat: pertanian organik, pengolahan pangan, dan pemasaran.',
    provinces: ['51', '52'],
    sectors: ['agriculture', 'food'],
  },
  {
    slug: 'warta-pemasyarakatan',
    name: 'Warta Pemasyarakatan',
    org_type: 'media',
    status: 'verified',
    email: 'redaksi@wartapas.demo',
    description: 'Media daring yang meliput karya warga binaan dan membuka etalase promosi.',
    national: true,
    provinces: [],
    sectors: ['crafts', 'batik_textile', 'food', 'furniture'],
  },
  {
    slug: 'bengkel-las-sumatera',
    name: 'CV Bengkel Las Sumatera',
    org_type: 'company',
    status: 'verified',
    email: 'info@lassumatera.demo',
    description: 'Bengkel las dan konstruksi baja ringan; tenaga ahli dan pelatihan las.',
    provinces: ['12', '13', '16'],
    sectors: ['construction', 'manufacturing'],
  },
  {
    slug: 'dapur-berkah-makassar',
    name: 'Dapur Berkah Makassar',
    org_type: 'company',
    status: 'verified',
    email: 'halo@dapurberkah.demo',
    description: 'Usaha katering yang membeli roti dan kue dari dapur Lapas.',
    provinces: ['73', '74'],
    sectors: ['food', 'fishery'],
  },
  {
    slug: 'koperasi-tani-lestari',
    name: 'Koperasi Tani Lestari Kalimantan',
    org_type: 'cooperative',
    status: 'verified',
    email: 'koperasi@tanilestari.demo',
    description: 'Koperasi petani dan peternak; modal bibit dan penampungan hasil SAE.',
    provinces: ['61', '62', '64'],
    sectors: ['agriculture', 'livestock', 'fishery'],
  },
  {
    slug: 'kerajinan-lombok-indah',
    name: 'Kerajinan Lombok Indah',
    org_type: 'individual',
    status: 'pending',
    email: 'lombokindah@mitralipas.demo',
    description: 'Perajin ketak dan gerabah yang ingin menampung hasil kerajinan.',
    provinces: ['52'],
    sectors: ['crafts'],
  },
]

interface DemoOffer {
  partner: string
  title: string
  description: string
  terms: Record<string, unknown> & { kind: SupportKindName }
  sectors: string[]
  provinces?: string[]
  national?: boolean
  levels: SecurityLevel[]
}

const ALL_LEVELS: SecurityLevel[] = ['super_maximum', 'maximum', 'medium', 'minimum']
export const DEMO_OFFERS: DemoOffer[] = [
  {
    partner: 'tenun-nusantara',
    title: 'Penampungan kain tenun ikat',
    description: 'Kami membeli seluruh kain tenun yang memenuhi standar mutu.',
    terms: {
      kind: 'absorption',
      productCategory: 'Kain tenun ikat',
      unitsPerMonth: 120,
      unitPrice: 350000,
      months: 12,
      qualityTerms: 'Lebar 60 cm, pewarna alami',
    },
    sectors: ['tenun'],
    provinces: ['35', '52', '53'],
    levels: ['medium', 'minimum'],
  },
  {
    partner: 'tenun-nusantara',
    title: 'Alat tenun bukan mesin (ATBM)',
    description: 'Lima unit ATBM beserta benang untuk tiga bulan pertama.',
    terms: { kind: 'capital', amount: 75000000, form: 'equipment', schedule: 'Satu tahap setelah PKS' },
    sectors: ['tenun'],
    provinces: ['35', '52'],
    levels: ['medium', 'minimum'],
  },
  {
    partner: 'plastik-karya-mandiri',
    title: 'Mesin cetak injeksi dan pembelian hasil',
    description: 'Empat mesin cetak injeksi ditempatkan di bengkel kerja Lapas.',
    terms: { kind: 'capital', amount: 1200000000, form: 'equipment', schedule: 'Bertahap per mesin, 2027' },
    sectors: ['manufacturing'],
    provinces: ['32', '31', '36'],
    levels: ['medium', 'minimum'],
  },
  {
    partner: 'plastik-karya-mandiri',
    title: 'Kontrak pembelian produk plastik',
    description: 'Pembelian hanger dan wadah plastik hasil produksi.',
    terms: {
      kind: 'absorption',
      productCategory: 'Hanger dan wadah plastik',
      unitsPerMonth: 20000,
      unitPrice: 1200,
      months: 24,
    },
    sectors: ['manufacturing'],
    provinces: ['32', '36'],
    levels: ['minimum'],
  },
  {
    partner: 'yayasan-bina-insan',
    title: 'Pelatihan menjahit bersertifikat BNSP',
    description: 'Pelatihan 160 jam dan uji kompetensi melalui LSP Garmen.',
    terms: { kind: 'training', seats: 40, hours: 160, certificationBody: 'LSP Garmen Indonesia' },
    sectors: ['garment'],
    national: true,
    levels: ['maximum', 'medium', 'minimum'],
  },
  {
    partner: 'yayasan-bina-insan',
    title: 'Pelatihan barista dan tata boga',
    description: 'Untuk warga binaan menjelang bebas dan klien Bapas.',
    terms: { kind: 'training', seats: 25, hours: 80, certificationBody: 'LSP Pariwisata' },
    sectors: ['food', 'services'],
    national: true,
    levels: ['medium', 'minimum'],
  },
  {
    partner: 'koperasi-mebel-jepara',
    title: 'Pendampingan desain mebel',
    description: 'Desainer mendampingi bengkel mebel dua kali sebulan.',
    terms: { kind: 'expert', skill: 'Desain dan finishing mebel jati', days: 24, mode: 'onsite' },
    sectors: ['furniture'],
    provinces: ['33', '34'],
    levels: ALL_LEVELS,
  },
  {
    partner: 'lppm-universitas-udayana',
    title: 'Pendampingan pertanian organik',
    description: 'Dosen dan mahasiswa mendampingi lahan SAE.',
    terms: { kind: 'expert', skill: 'Pertanian organik dan hidroponik', days: 30, mode: 'hybrid' },
    sectors: ['agriculture'],
    provinces: ['51', '52'],
    levels: ['maximum', 'medium', 'minimum'],
  },
  {
    partner: 'warta-pemasyarakatan',
    title: 'Liputan dan etalase daring karya warga binaan',
    description: 'Artikel, video pendek, dan etalase produk di kanal kami.',
    terms: { kind: 'publication', channels: 'Situs berita, Instagram, YouTube', reach: 250000, publications: 24 },
    sectors: ['crafts', 'batik_textile', 'food', 'furniture'],
    national: true,
    levels: ALL_LEVELS,
  },
  {
    partner: 'bengkel-las-sumatera',
    title: 'Pelatihan las SMAW',
    description: 'Pelatihan las dasar sampai sertifikasi.',
    terms: { kind: 'training', seats: 20, hours: 120, certificationBody: 'BLK Medan' },
    sectors: ['construction'],
    provinces: ['12', '13'],
    levels: ['medium', 'minimum'],
  },
  {
    partner: 'dapur-berkah-makassar',
    title: 'Pembelian roti dan kue',
    description: 'Pesanan tetap roti untuk katering kantor.',
    terms: {
      kind: 'absorption',
      productCategory: 'Roti dan kue basah',
      unitsPerMonth: 3000,
      unitPrice: 3000,
      months: 6,
    },
    sectors: ['food'],
    provinces: ['73'],
    levels: ['minimum', 'medium'],
  },
  {
    partner: 'koperasi-tani-lestari',
    title: 'Modal bibit ikan dan pakan',
    description: 'Bibit lele dan pakan untuk kolam SAE.',
    terms: { kind: 'capital', amount: 45000000, form: 'materials', schedule: 'Per siklus panen (3 bulan)' },
    sectors: ['fishery', 'agriculture'],
    provinces: ['61', '62'],
    levels: ['minimum'],
  },
]

interface DemoProgram {
  upt: string
  title: string
  sector: string
  description: string
  participants: number
  eligibility: string
  schedule: string
  status: ProgramStatus
  needs: { kind: SupportKindName; quantity: number; neededBy: string; note?: string }[]
}

export const DEMO_PROGRAMS: DemoProgram[] = [
  {
    upt: 'lapas-kelas-iia-kediri',
    title: 'Tenun ikat Kediri',
    sector: 'tenun',
    description: 'Pelatihan dan produksi tenun ikat dengan ATBM bantuan mitra.',
    participants: 40,
    eligibility: 'Telah menjalani 1/3 masa pidana',
    schedule: 'Senin–Jumat 08.00–14.00',
    status: 'active',
    needs: [
      { kind: 'absorption', quantity: 150, neededBy: '2027-01-31' },
      { kind: 'capital', quantity: 60000000, neededBy: '2027-03-31', note: 'Lima ATBM tambahan' },
    ],
  },
  {
    upt: 'lapas-narkotika-kelas-iia-bangli',
    title: 'Roti dan kue Bangli',
    sector: 'food',
    description: 'Dapur produksi roti yang dijual ke warung dan kantor sekitar.',
    participants: 18,
    eligibility: 'Telah menjalani 1/2 masa pidana',
    schedule: 'Setiap hari 05.00–11.00',
    status: 'active',
    needs: [
      { kind: 'training', quantity: 18, neededBy: '2027-02-28' },
      { kind: 'capital', quantity: 35000000, neededBy: '2027-04-30', note: 'Oven dan mixer' },
    ],
  },
  {
    upt: 'lapas-kelas-iia-cikarang',
    title: 'Produksi plastik cetak injeksi',
    sector: 'manufacturing',
    description: 'Bengkel industri dengan mesin cetak injeksi.',
    participants: 80,
    eligibility: 'Asimilasi',
    schedule: 'Dua sif',
    status: 'active',
    needs: [{ kind: 'absorption', quantity: 15000, neededBy: '2027-01-15' }],
  },
  {
    upt: 'lapas-kelas-iia-kendal',
    title: 'Batik tulis Kendal',
    sector: 'batik_textile',
    description: 'Kelas batik tulis dan cap dengan motif pesisiran.',
    participants: 30,
    eligibility: 'Telah menjalani 1/3 masa pidana',
    schedule: 'Selasa–Kamis',
    status: 'active',
    needs: [
      { kind: 'publication', quantity: 6, neededBy: '2027-05-31' },
      { kind: 'expert', quantity: 12, neededBy: '2027-03-15' },
    ],
  },
  {
    upt: 'lapas-kelas-iia-wirogunan',
    title: 'Mebel jati Wirogunan',
    sector: 'furniture',
    description: 'Pembuatan kursi dan meja jati pesanan.',
    participants: 22,
    eligibility: 'Telah menjalani 1/2 masa pidana',
    schedule: 'Senin–Jumat',
    status: 'active',
    needs: [
      { kind: 'training', quantity: 15, neededBy: '2027-02-15' },
      { kind: 'expert', quantity: 10, neededBy: '2027-02-28' },
    ],
  },
  {
    upt: 'lapas-kelas-iia-mataram',
    title: 'Kerajinan ketak Mataram',
    sector: 'crafts',
    description: 'Anyaman ketak khas Lombok.',
    participants: 25,
    eligibility: 'Telah menjalani 1/3 masa pidana',
    schedule: 'Senin–Kamis',
    status: 'active',
    needs: [
      { kind: 'capital', quantity: 15000000, neededBy: '2027-01-31', note: 'Bahan baku ketak' },
      { kind: 'publication', quantity: 4, neededBy: '2027-06-30' },
    ],
  },
  {
    upt: 'rutan-kelas-i-medan',
    title: 'Konveksi seragam Medan',
    sector: 'garment',
    description: 'Penjahitan seragam dan kaos sablon.',
    participants: 35,
    eligibility: 'Terpidana dengan sisa pidana > 6 bulan',
    schedule: 'Senin–Sabtu',
    status: 'active',
    needs: [{ kind: 'training', quantity: 20, neededBy: '2027-03-01' }],
  },
  {
    upt: 'lapas-kelas-iia-bukittinggi',
    title: 'Rendang dan keripik Bukittinggi',
    sector: 'food',
    description: 'Produksi makanan kemasan berizin PIRT.',
    participants: 16,
    eligibility: 'Telah menjalani 1/2 masa pidana',
    schedule: 'Senin–Jumat',
    status: 'active',
    needs: [{ kind: 'absorption', quantity: 800, neededBy: '2027-02-28' }],
  },
  {
    upt: 'lapas-kelas-iib-kayuagung',
    title: 'Kebun sayur SAE Kayuagung',
    sector: 'agriculture',
    description: 'Sarana asimilasi dan edukasi: sayur dan cabai.',
    participants: 20,
    eligibility: 'Asimilasi',
    schedule: 'Setiap hari',
    status: 'active',
    needs: [{ kind: 'capital', quantity: 20000000, neededBy: '2027-01-20', note: 'Bibit, pupuk, irigasi tetes' }],
  },
  {
    upt: 'lapas-perempuan-kelas-iia-pontianak',
    title: 'Jahit dan bordir Pontianak',
    sector: 'garment',
    description: 'Bordir motif Dayak untuk produk kain.',
    participants: 24,
    eligibility: 'Telah menjalani 1/3 masa pidana',
    schedule: 'Senin–Jumat',
    status: 'active',
    needs: [{ kind: 'expert', quantity: 8, neededBy: '2027-02-10' }],
  },
  {
    upt: 'lapas-kelas-iib-pangkalan-bun',
    title: 'Peternakan ayam dan lele',
    sector: 'livestock',
    description: 'Kandang ayam petelur dan kolam lele.',
    participants: 14,
    eligibility: 'Asimilasi',
    schedule: 'Setiap hari',
    status: 'active',
    needs: [
      { kind: 'capital', quantity: 30000000, neededBy: '2027-03-31' },
      { kind: 'absorption', quantity: 1200, neededBy: '2027-04-30' },
    ],
  },
  {
    upt: 'lapas-kelas-iia-parepare',
    title: 'Budidaya ikan Parepare',
    sector: 'fishery',
    description: 'Keramba dan pengolahan ikan asap.',
    participants: 12,
    eligibility: 'Asimilasi',
    schedule: 'Setiap hari',
    status: 'active',
    needs: [{ kind: 'training', quantity: 12, neededBy: '2027-02-20' }],
  },
  {
    upt: 'lpka-kelas-ii-tomohon',
    title: 'Kelas desain grafis LPKA Tomohon',
    sector: 'digital',
    description: 'Pelatihan desain grafis dan fotografi produk untuk anak binaan (tanpa produksi).',
    participants: 15,
    eligibility: 'Anak binaan usia 15–17',
    schedule: 'Sabtu',
    status: 'active',
    needs: [
      { kind: 'training', quantity: 15, neededBy: '2027-01-31' },
      { kind: 'publication', quantity: 3, neededBy: '2027-06-30' },
    ],
  },
  {
    upt: 'lapas-kelas-i-cipinang',
    title: 'Sablon dan percetakan Cipinang',
    sector: 'printing',
    description: 'Sablon kaos dan cetak kemasan.',
    participants: 28,
    eligibility: 'Telah menjalani 1/3 masa pidana',
    schedule: 'Senin–Jumat',
    status: 'active',
    needs: [{ kind: 'expert', quantity: 6, neededBy: '2027-03-31' }],
  },
  {
    upt: 'bapas-kelas-i-surabaya',
    title: 'Usaha mandiri klien Bapas Surabaya',
    sector: 'food',
    description: 'Modal usaha dan pelatihan wirausaha untuk klien pembebasan bersyarat dan asimilasi.',
    participants: 30,
    eligibility: 'Klien PB/CB dengan rekomendasi PK',
    schedule: 'Kelas Sabtu, pendampingan bulanan',
    status: 'active',
    needs: [
      { kind: 'capital', quantity: 90000000, neededBy: '2027-03-31', note: 'Modal usaha 30 klien' },
      { kind: 'training', quantity: 30, neededBy: '2027-02-28' },
    ],
  },
  {
    upt: 'lapas-kelas-iia-kediri',
    title: 'Kerajinan anyaman (draf)',
    sector: 'crafts',
    description: 'Rencana program anyaman bambu.',
    participants: 10,
    eligibility: 'Belum ditetapkan',
    schedule: 'Belum ditetapkan',
    status: 'draft',
    needs: [],
  },
]

/** The demo Bapas (the reference list has no Bapas). */
export const DEMO_BAPAS = {
  slug: 'bapas-kelas-i-surabaya',
  name: 'Bapas Kelas I Surabaya',
  province: '35',
  city: 'Surabaya',
}

export async function seedPartnersDemo(trx: DB, now: string, partnerIds: Map<string, string>): Promise<void> {
  for (const p of DEMO_PARTNER_PROFILES) {
    let id = partnerIds.get(p.slug)
    if (!id) {
      id = newId()
      partnerIds.set(p.slug, id)
      await trx
        .insertInto('partners')
        .values({
          id,
          slug: p.slug,
          name: p.name,
          org_type: p.org_type,
          status: p.status,
          contact_email: p.email,
          contact_phone: null,
          description: p.description,
          created_at: now,
          updated_at: now,
        })
        .execute()
    }
    await trx
      .updateTable('partners')
      .set({ national: p.national ? 1 : 0, nib: p.nib ?? null, verified_at: p.status === 'verified' ? now : null })
      .where('id', '=', id)
      .execute()
    for (const prov of p.provinces)
      await trx.insertInto('partner_provinces').values({ partner_id: id, province_id: prov }).execute()
    for (const s of p.sectors)
      await trx.insertInto('partner_sectors').values({ partner_id: id, sector_id: s }).execute()
  }

  for (const o of DEMO_OFFERS) {
    const terms = OfferTermsSchema.parse(o.terms)
    const id = newId()
    const capacity = capacityOf(terms)
    await trx
      .insertInto('offers')
      .values({
        id,
        partner_id: partnerIds.get(o.partner)!,
        kind: terms.kind,
        title: o.title,
        description: o.description,
        terms: JSON.stringify(terms),
        status: 'open',
        national: o.national ? 1 : 0,
        valid_from: '2026-01-01',
        valid_until: '2027-12-31',
        unit: KIND_UNIT[terms.kind],
        capacity_total: capacity,
        capacity_remaining: capacity,
        created_by: null,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .execute()
    for (const s of o.sectors) await trx.insertInto('offer_sectors').values({ offer_id: id, sector_id: s }).execute()
    for (const p of o.national ? [] : (o.provinces ?? []))
      await trx.insertInto('offer_provinces').values({ offer_id: id, province_id: p }).execute()
    for (const l of o.levels)
      await trx.insertInto('offer_security_levels').values({ offer_id: id, security_level: l }).execute()
  }

  const province = await trx
    .selectFrom('provinces')
    .select(['id', 'kanwil_id'])
    .where('id', '=', DEMO_BAPAS.province)
    .executeTakeFirstOrThrow()
  if (!(await trx.selectFrom('upts').select('id').where('slug', '=', DEMO_BAPAS.slug).executeTakeFirst())) {
    await trx
      .insertInto('upts')
      .values({
        id: newId(),
        slug: DEMO_BAPAS.slug,
        name: DEMO_BAPAS.name,
        type: 'bapas',
        province_id: province.id,
        kanwil_id: province.kanwil_id,
        city: DEMO_BAPAS.city,
        timezone: null,
        note: 'demo',
        created_at: now,
      })
      .execute()
  }

  for (const [i, g] of DEMO_PROGRAMS.entries()) {
    const upt = await trx.selectFrom('upts').select('id').where('slug', '=', g.upt).executeTakeFirstOrThrow()
    const id = newId()
    // Later programs look newer, so the directory's default order is stable.
    const created = new Date(Date.parse(now) - (DEMO_PROGRAMS.length - i) * 60_000).toISOString()
    await trx
      .insertInto('programs')
      .values({
        id,
        slug: slugify(g.title),
        upt_id: upt.id,
        sector_id: g.sector,
        title: g.title,
        description: g.description,
        participants: g.participants,
        eligibility_rule: g.eligibility,
        schedule: g.schedule,
        status: g.status,
        created_by: null,
        created_at: created,
        updated_at: created,
      })
      .execute()
    for (const n of g.needs) {
      await trx
        .insertInto('program_needs')
        .values({
          id: newId(),
          program_id: id,
          kind: n.kind,
          quantity: n.quantity,
          unit: KIND_UNIT[n.kind],
          needed_by: n.neededBy,
          note: n.note ?? null,
          created_at: created,
        })
        .execute()
    }
  }
}
