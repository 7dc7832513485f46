import type { Kysely } from 'kysely'
import sharp from 'sharp'
import type { Database, ProductStatus, StockMode, SubOrderStatus } from '../schema.ts'
import { addProductImage } from '../../app/domain/catalog/images.server.ts'
import { type Drawing, illustration } from './illustrations.ts'
import { hashToken, newId, slugify } from '../../app/lib/ids.ts'
import { addMinutes, nowIso } from '../../app/lib/time.ts'
import { shippingFee } from '../../app/domain/orders/shipping.ts'

/** The outlets of the demo's selling UPTs: in their own town, with office hours and a phone number. */
export const DEMO_PICKUP_POINTS: Record<string, { address: string; hours: string; contact: string }> = {
  'lapas-kelas-iia-kediri': {
    address: 'Gerai Karya Lapas Kediri, Jl. Dr. Sahardjo No. 1, Kota Kediri, Jawa Timur 64129',
    hours: 'Senin–Jumat 08.00–15.00 WIB, Sabtu 08.00–12.00 WIB',
    contact: '0354 682 130',
  },
  'lapas-narkotika-kelas-iia-bangli': {
    address: 'Galeri Lapas Narkotika Bangli, Jl. Merdeka, Bangli, Bali 80613',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
    contact: '0366 91 025',
  },
  'lapas-kelas-i-cipinang': {
    address: 'Gerai Produk Lapas Cipinang, Jl. Bekasi Timur Raya No. 170, Jakarta Timur 13410',
    hours: 'Senin–Jumat 08.00–16.00 WIB',
    contact: '021 819 1720',
  },
  'lapas-kelas-i-semarang': {
    address: 'Showroom Lapas Kedungpane, Jl. Raya Semarang–Boja, Semarang 50211',
    hours: 'Senin–Jumat 08.00–15.00 WIB',
    contact: '024 866 0345',
  },
  'lapas-kelas-iia-wirogunan': {
    address: 'Gerai Lapas Wirogunan, Jl. Tamansiswa No. 6, Yogyakarta 55151',
    hours: 'Senin–Jumat 08.00–14.00 WIB',
    contact: '0274 375 230',
  },
  'lapas-kelas-iia-mataram': {
    address: 'Gerai Karya Lapas Mataram, Jl. Majapahit No. 8, Mataram, NTB 83126',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
    contact: '0370 621 504',
  },
  'lapas-kelas-i-malang': {
    address: 'Gerai Lapas Lowokwaru, Jl. Asahan No. 7, Kota Malang, Jawa Timur 65141',
    hours: 'Senin–Sabtu 08.00–14.00 WIB',
    contact: '0341 491 046',
  },
  'lapas-kelas-iia-kerobokan': {
    address: 'Galeri Lapas Kerobokan, Jl. Tangkuban Perahu, Kerobokan, Badung, Bali 80361',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
    contact: '0361 730 218',
  },
}
import { reviewerName } from '../../app/domain/reviews/rules.ts'

interface DemoProduct {
  upt: string
  sector: string
  name: string
  description: string
  story?: string
  price: number
  stock: number | null
  lead?: number
  unit: string
  weight: number
  status?: ProductStatus
  colour: string
  drawing: Drawing
}

/** Realistic products and prices (docs/domain.md, section 10: batik 100k–1 jt, furniture 0,5–13 jt, crafts 10k–800k, bread 3k a bun). */
export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    upt: 'lapas-kelas-iia-kediri',
    sector: 'batik_textile',
    name: 'Batik Tulis Motif Kediri',
    drawing: 'batik',
    description: 'Kain batik tulis katun primisima 2 x 1,15 m dengan motif khas Kediri, pewarna sintetis tahan luntur.',
    story:
      'Program batik Lapas Kediri melatih warga binaan dari membuat pola hingga pewarnaan, bersama perajin batik setempat.',
    price: 450_000,
    stock: 12,
    unit: 'lembar',
    weight: 300,
    colour: '#7a4b1e',
  },
  {
    upt: 'lapas-kelas-iia-kediri',
    sector: 'batik_textile',
    name: 'Batik Cap Kawung',
    drawing: 'batik',
    description: 'Kain batik cap motif kawung, katun 2 m, cocok untuk kemeja dan seragam.',
    price: 175_000,
    stock: 30,
    unit: 'lembar',
    weight: 280,
    colour: '#5b3a1a',
  },
  {
    upt: 'lapas-kelas-iia-kediri',
    sector: 'tenun',
    name: 'Kain Tenun Ikat Troso',
    drawing: 'cloth',
    description: 'Tenun ikat ATBM benang katun, 2 x 0,9 m, warna alam.',
    price: 650_000,
    stock: 5,
    unit: 'lembar',
    weight: 400,
    colour: '#8c2f39',
  },
  {
    upt: 'lapas-kelas-iia-kediri',
    sector: 'food',
    name: 'Roti Manis Isi Cokelat',
    drawing: 'bread',
    description: 'Roti manis lembut isi cokelat, dibuat setiap pagi di dapur produksi lapas.',
    price: 3_000,
    stock: 200,
    unit: 'buah',
    weight: 60,
    colour: '#c68b59',
  },
  {
    upt: 'lapas-narkotika-kelas-iia-bangli',
    sector: 'crafts',
    name: 'Dupa Wangi Cendana',
    drawing: 'incense',
    description: 'Dupa batang aroma cendana, isi 100 batang, untuk upacara dan pengharum ruangan.',
    price: 25_000,
    stock: 80,
    unit: 'kotak',
    weight: 200,
    colour: '#a0522d',
  },
  {
    upt: 'lapas-narkotika-kelas-iia-bangli',
    sector: 'crafts',
    name: 'Ukiran Kayu Garuda',
    drawing: 'carving',
    description: 'Ukiran kayu suar motif garuda, tinggi 40 cm, finishing natural.',
    story: 'Bengkel ukir Lapas Bangli dibina bersama perajin Gianyar.',
    price: 750_000,
    stock: 3,
    unit: 'buah',
    weight: 2_500,
    colour: '#6b4226',
  },
  {
    upt: 'lapas-narkotika-kelas-iia-bangli',
    sector: 'food',
    name: 'Kopi Arabika Kintamani',
    drawing: 'coffee',
    description: 'Biji kopi arabika Kintamani sangrai medium, 250 gram.',
    price: 65_000,
    stock: 40,
    unit: 'bungkus',
    weight: 260,
    colour: '#3e2723',
  },
  {
    upt: 'lapas-kelas-i-cipinang',
    sector: 'furniture',
    name: 'Kursi Tamu Jati Minimalis',
    drawing: 'chair',
    description: 'Satu set kursi tamu kayu jati (2 kursi, 1 meja), finishing melamin.',
    price: 4_500_000,
    stock: null,
    lead: 21,
    unit: 'set',
    weight: 45_000,
    colour: '#8d6e63',
  },
  {
    upt: 'lapas-kelas-i-cipinang',
    sector: 'printing',
    name: 'Kaos Sablon Mitra Lipas',
    drawing: 'shirt',
    description: 'Kaos katun combed 30s, sablon plastisol, ukuran S–XXL.',
    price: 85_000,
    stock: 60,
    unit: 'potong',
    weight: 180,
    colour: '#1b5e20',
  },
  {
    upt: 'lapas-kelas-i-semarang',
    sector: 'furniture',
    name: 'Lemari Pakaian Dua Pintu',
    drawing: 'wardrobe',
    description: 'Lemari pakaian kayu mahoni dua pintu, 180 x 90 x 55 cm.',
    price: 3_200_000,
    stock: null,
    lead: 30,
    unit: 'buah',
    weight: 60_000,
    colour: '#795548',
  },
  {
    upt: 'lapas-kelas-i-semarang',
    sector: 'garment',
    name: 'Sandal Hotel Putih',
    drawing: 'slippers',
    description: 'Sandal hotel sekali pakai, isi 50 pasang, bisa dengan logo.',
    price: 150_000,
    stock: 25,
    unit: 'pak',
    weight: 1_500,
    colour: '#90a4ae',
  },
  {
    upt: 'lapas-kelas-iia-wirogunan',
    sector: 'crafts',
    name: 'Tas Anyaman Pandan',
    drawing: 'bag',
    description: 'Tas jinjing anyaman pandan dengan aksen kain tenun, 35 x 25 cm.',
    price: 120_000,
    stock: 15,
    unit: 'buah',
    weight: 350,
    colour: '#9e9d24',
  },
  {
    upt: 'lapas-kelas-iia-wirogunan',
    sector: 'batik_textile',
    name: 'Batik Tulis Parang Rusak',
    drawing: 'batik',
    description: 'Batik tulis motif parang rusak, katun prima 2,25 m, pewarna alam.',
    price: 950_000,
    stock: 4,
    unit: 'lembar',
    weight: 320,
    colour: '#4e342e',
  },
  {
    upt: 'lapas-kelas-iia-mataram',
    sector: 'tenun',
    name: 'Songket Lombok Sukarara',
    drawing: 'cloth',
    description: 'Kain songket benang emas tenunan tangan, 2 x 0,6 m.',
    price: 1_250_000,
    stock: 2,
    unit: 'lembar',
    weight: 450,
    colour: '#b71c1c',
  },
  {
    upt: 'lapas-kelas-iia-mataram',
    sector: 'construction',
    name: 'Paving Block Segi Enam',
    drawing: 'paving',
    description: 'Paving block K-300 segi enam tebal 8 cm, per meter persegi (±25 buah).',
    price: 95_000,
    stock: null,
    lead: 7,
    unit: 'm²',
    weight: 180_000,
    colour: '#757575',
  },
  {
    upt: 'lapas-kelas-i-malang',
    sector: 'manufacturing',
    name: 'Sandal Jepit Karet',
    drawing: 'flipflops',
    description: 'Sandal jepit karet injeksi, berbagai warna, ukuran 38–44.',
    price: 18_000,
    stock: 150,
    unit: 'pasang',
    weight: 200,
    colour: '#0277bd',
  },
  {
    upt: 'lapas-kelas-i-malang',
    sector: 'crafts',
    name: 'Miniatur Kapal Pinisi',
    drawing: 'ship',
    description: 'Miniatur kapal pinisi kayu, panjang 50 cm, dalam kotak kaca.',
    price: 550_000,
    stock: 0,
    unit: 'buah',
    weight: 1_800,
    colour: '#00695c',
  },
  {
    upt: 'lapas-kelas-iia-kerobokan',
    sector: 'crafts',
    name: 'Lukisan Kaca Wayang',
    drawing: 'painting',
    description: 'Lukisan kaca gaya Bali, tema pewayangan, 40 x 30 cm.',
    price: 350_000,
    stock: 6,
    unit: 'buah',
    weight: 1_200,
    colour: '#283593',
  },
  {
    upt: 'lapas-kelas-iia-kerobokan',
    sector: 'food',
    name: 'Keripik Pisang Manis',
    drawing: 'chips',
    description: 'Keripik pisang manis renyah, 200 gram.',
    price: 15_000,
    stock: 0,
    unit: 'bungkus',
    weight: 210,
    colour: '#f9a825',
    status: 'draft',
  },
]

/** Demo products (with drawn illustrations as photos) and a few orders in several states. */
export async function seedMarketDemo(db: Kysely<Database>, buyerUserId: string | null, now: Date = new Date()) {
  const at = nowIso(now)
  // The products were listed a month before the month still running (its orders come after).
  const listedAt = nowIso(
    new Date(
      Date.parse(`${new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 7)}-01T00:00:00Z`) -
        7 * 3_600_000 -
        30 * 24 * 3_600_000,
    ),
  )
  const upts = new Map((await db.selectFrom('upts').select(['id', 'slug']).execute()).map((u) => [u.slug, u.id]))
  const ids = new Map<string, { id: string; price: number; upt: string; unit: string; name: string }>()
  for (const p of DEMO_PRODUCTS) {
    const id = newId()
    const uptId = upts.get(p.upt)
    if (!uptId) throw new Error(`demo UPT ${p.upt} missing`)
    const mode: StockMode = p.stock === null ? 'made_to_order' : 'stock'
    await db
      .insertInto('products')
      .values({
        id,
        upt_id: uptId,
        program_id: null,
        sector_id: p.sector,
        slug: slugify(`${p.name} ${p.upt.replace(/^(lapas|rutan|lpka)-(narkotika-)?(kelas-[a-z0-9]+-)?/, '')}`),
        name: p.name,
        description: p.description,
        story: p.story ?? null,
        price: p.price,
        stock_mode: mode,
        stock: p.stock ?? 0,
        lead_time_days: p.lead ?? null,
        unit: p.unit,
        weight_grams: p.weight,
        status: p.status ?? 'published',
        created_at: listedAt,
        updated_at: listedAt,
      })
      .execute()
    ids.set(p.name, { id, price: p.price, upt: uptId, unit: p.unit, name: p.name })
    // Drawn per kind of product, stored through the upload pipeline (WebP, thumbnail, server-made names).
    for (const [i, closeUp] of [false, true].entries()) {
      const png = await sharp(Buffer.from(illustration(p.drawing, p.colour, closeUp)))
        .png()
        .toBuffer()
      await addProductImage(db, { productId: id, bytes: png, alt: i === 0 ? p.name : `${p.name} (detail)` })
    }
  }

  const rates = [
    ['lapas-kelas-iia-kediri', 15_000, 30_000, 55_000],
    ['lapas-narkotika-kelas-iia-bangli', 18_000, 35_000, 65_000],
  ] as const
  for (const [slug, a, b, c] of rates) {
    await db
      .insertInto('upt_shipping_rates')
      .values({ upt_id: upts.get(slug)!, same_province: a, same_island: b, other: c, pickup: 1, updated_at: at })
      .execute()
  }
  // Every selling UPT's outlet, where pickup orders are collected (issue 14, item 1).
  for (const [slug, point] of Object.entries(DEMO_PICKUP_POINTS)) {
    const uptId = upts.get(slug)
    if (uptId)
      await db
        .insertInto('upt_pickup_points')
        .values({ upt_id: uptId, ...point, updated_at: at })
        .execute()
  }

  // A few orders: completed ones from the last weeks (with the buyers' reviews, written after
  // delivery), then one paid at Kediri (ready to process), one shipped at Bangli, one waiting for payment.
  // Inside the month still running (western Indonesia), between its first midnight and now, so
  // the month's figures hold these sales whatever the day the seed runs, and nothing is in the future.
  const jakarta = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 7)
  const monthStart = Date.parse(`${jakarta}-01T00:00:00Z`) - 7 * 3_600_000
  const span = now.getTime() - monthStart
  const dewi = { name: 'Dewi Lestari', email: 'pembeli@mitralipas.demo', user: true }
  const demoOrders: {
    items: [string, number][]
    status: SubOrderStatus
    buyer: { name: string; email: string; user: boolean }
    courier?: string
    /** when it was placed, as a fraction of the month so far */
    placedAt?: number
    reviews?: { item: string; rating: number; body: string; showName: boolean; reply?: string }[]
  }[] = [
    {
      items: [['Kopi Arabika Kintamani', 3]],
      status: 'completed',
      buyer: { name: 'Agus', email: 'agus@contoh.id', user: false },
      courier: 'JNE',
      placedAt: 0.1,
      reviews: [
        {
          item: 'Kopi Arabika Kintamani',
          rating: 4,
          body: 'Aromanya harum, sangraiannya pas. Kemasan bisa lebih rapat.',
          showName: true,
        },
      ],
    },
    {
      items: [
        ['Kopi Arabika Kintamani', 1],
        ['Ukiran Kayu Garuda', 1],
      ],
      status: 'completed',
      buyer: dewi,
      courier: 'JNE',
      placedAt: 0.25,
      reviews: [
        {
          item: 'Kopi Arabika Kintamani',
          rating: 5,
          body: 'Kopinya segar dan wangi, cocok untuk V60. Akan beli lagi.',
          showName: true,
          reply: 'Terima kasih, Bu Dewi! Senang kopinya cocok.',
        },
      ],
    },
    {
      items: [['Tas Anyaman Pandan', 2]],
      status: 'completed',
      buyer: { name: 'Siti Nurhaliza', email: 'siti.n@contoh.id', user: false },
      courier: 'J&T',
      placedAt: 0.4,
      reviews: [
        {
          item: 'Tas Anyaman Pandan',
          rating: 5,
          body: 'Anyamannya rapi dan kuat, aksen tenunnya cantik. Dipakai ke pasar setiap hari.',
          showName: true,
        },
      ],
    },
    {
      items: [
        ['Tas Anyaman Pandan', 1],
        ['Batik Tulis Parang Rusak', 1],
      ],
      status: 'completed',
      buyer: { name: 'Yohana Kurniawati', email: 'yohana@contoh.id', user: false },
      courier: 'SiCepat',
      placedAt: 0.55,
      reviews: [
        {
          item: 'Tas Anyaman Pandan',
          rating: 4,
          body: 'Bagus dan ringan, hanya tali pegangannya agak pendek untuk saya.',
          showName: true,
        },
        {
          item: 'Batik Tulis Parang Rusak',
          rating: 5,
          body: 'Batik tulisnya halus, warna alamnya lembut. Sepadan dengan harganya.',
          showName: false,
        },
      ],
    },
    {
      items: [
        ['Batik Tulis Motif Kediri', 1],
        ['Roti Manis Isi Cokelat', 10],
      ],
      status: 'paid',
      buyer: dewi,
    },
    {
      items: [
        ['Kopi Arabika Kintamani', 2],
        ['Dupa Wangi Cendana', 1],
      ],
      status: 'shipped',
      buyer: dewi,
      courier: 'JNE',
    },
    {
      items: [['Batik Cap Kawung', 2]],
      status: 'pending_payment',
      buyer: { name: 'Rahmat Hidayat', email: 'rahmat@contoh.id', user: false },
    },
  ]
  let counter = 0
  const year = now.getUTCFullYear()
  for (const o of demoOrders) {
    counter++
    const number = `ML-${year}-${String(counter).padStart(6, '0')}`
    const orderId = newId()
    const lines = o.items.map(([name, qty]) => ({ ...ids.get(name)!, qty, lineId: newId() }))
    const subtotal = lines.reduce((s, l) => s + l.price * l.qty, 0)
    // Booked as checkout books it: the UPT's fee to the buyer's province (all demo orders come from one UPT each).
    const fee = await shippingFee(db, lines[0]!.upt, 'ship', '35')
    // A completed order went paid -> processing -> shipped -> completed over a fifth of the month so far.
    const placed = o.placedAt ? new Date(monthStart + Math.floor(span * o.placedAt)) : now
    const step = (fifths: number) =>
      nowIso(new Date(Math.min(placed.getTime() + Math.floor((span * 0.2 * fifths) / 5), now.getTime())))
    const orderAt = nowIso(placed)
    const done = o.status === 'completed' ? step(5) : orderAt
    await db
      .insertInto('orders')
      .values({
        id: orderId,
        order_number: number,
        kind: 'retail',
        agreement_id: null,
        user_id: o.buyer.user ? buyerUserId : null,
        buyer_name: o.buyer.name,
        buyer_email: o.buyer.email,
        buyer_phone: '081298765432',
        delivery: 'ship',
        address: 'Jl. Diponegoro No. 12',
        city: 'Kediri',
        province_id: '35',
        postal_code: '64121',
        subtotal,
        shipping_total: fee,
        total: subtotal + fee,
        status: o.status === 'pending_payment' ? 'pending_payment' : 'paid',
        status_token_hash: hashToken(`demo-order-${counter}`),
        reserved_until: addMinutes(placed, 60),
        created_at: orderAt,
        updated_at: orderAt,
        paid_at: o.status === 'pending_payment' ? null : orderAt,
      })
      .execute()
    const subId = newId()
    await db
      .insertInto('sub_orders')
      .values({
        id: subId,
        order_id: orderId,
        upt_id: lines[0]!.upt,
        number: `${number}-1`,
        status: o.status,
        subtotal,
        shipping_fee: fee,
        total: subtotal + fee,
        courier: o.courier ?? null,
        tracking_number: o.courier ? `${o.courier.replace(/\W/g, '')}00${String(12_345_678 + counter)}` : null,
        stock_released_at: null,
        created_at: orderAt,
        updated_at: done,
      })
      .execute()
    for (const l of lines) {
      await db
        .insertInto('order_lines')
        .values({
          id: l.lineId,
          sub_order_id: subId,
          product_id: l.id,
          name: l.name,
          unit: l.unit,
          unit_price: l.price,
          qty: l.qty,
          line_total: l.price * l.qty,
          reserved: 1,
        })
        .execute()
      await db
        .updateTable('products')
        .set((eb) => ({ stock: eb('stock', '-', l.qty) }))
        .where('id', '=', l.id)
        .execute()
    }
    const events: [string, SubOrderStatus, string][] =
      o.status === 'completed'
        ? [
            ['new', 'paid', orderAt],
            ['paid', 'processing', step(1)],
            ['processing', 'shipped', step(2)],
            ['shipped', 'completed', done],
          ]
        : [['new', o.status, orderAt]]
    for (const [from, to, when] of events) {
      await db
        .insertInto('sub_order_events')
        .values({
          id: newId(),
          sub_order_id: subId,
          from_status: from,
          to_status: to,
          actor_user_id: null,
          note: 'demo',
          at: when,
        })
        .execute()
    }
    // Reviews after delivery (never in the future), shown as "first name + initial" or "Pembeli".
    for (const [i, r] of (o.reviews ?? []).entries()) {
      const line = lines.find((l) => l.name === r.item)!
      const written = nowIso(
        new Date(Math.min(new Date(done).getTime() + Math.floor(span * 0.05) + i * 60_000, now.getTime())),
      )
      await db
        .insertInto('product_reviews')
        .values({
          id: newId(),
          order_line_id: line.lineId,
          product_id: line.id,
          upt_id: line.upt,
          user_id: o.buyer.user ? buyerUserId : null,
          rating: r.rating,
          body: r.body,
          reviewer_name: reviewerName(o.buyer.name, r.showName) ?? '',
          reply: r.reply ?? null,
          replied_by: null,
          replied_at: r.reply ? written : null,
          hidden_reason: null,
          hidden_by: null,
          hidden_at: null,
          created_at: written,
          updated_at: written,
        })
        .execute()
    }
  }
  await db.insertInto('order_counters').values({ year, last: counter }).execute()
}
