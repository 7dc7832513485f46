/**
 * Demo stories (issue 15, item 1): four published, one waiting for review, written through the
 * domain writer (photos drawn here, then re-encoded by the upload pipeline like any upload) and
 * published by the national admin on past dates. No person appears in any picture.
 */
import sharp from 'sharp'
import type { DB } from '../client.ts'
import { submitStory } from '../../app/domain/stories/write.server.ts'

/** A drawn scene (no people): a loom's warp, a cloth's motif, a fair's stalls or loaves on a tray. */
async function drawing(
  scene: 'loom' | 'songket' | 'bakery' | 'carving' | 'cloth',
  colour: string,
): Promise<Uint8Array> {
  const w = 1200
  const h = 675
  const shapes: Record<typeof scene, string> = {
    loom:
      Array.from(
        { length: 40 },
        (_, i) =>
          `<line x1="${100 + i * 25}" y1="60" x2="${100 + i * 25}" y2="615" stroke="#f5e6c8" stroke-width="4"/>`,
      ).join('') +
      `<rect x="80" y="300" width="1040" height="40" fill="#5d4037"/><rect x="80" y="340" width="1040" height="220" fill="${colour}" opacity="0.85"/>`,
    songket:
      Array.from(
        { length: 12 },
        (_, i) =>
          `<polygon points="${100 + i * 90},337 ${145 + i * 90},250 ${190 + i * 90},337 ${145 + i * 90},424" fill="#ffd54f" opacity="0.9"/>`,
      ).join('') +
      `<rect x="60" y="200" width="1080" height="12" fill="#ffd54f"/><rect x="60" y="462" width="1080" height="12" fill="#ffd54f"/>`,
    bakery:
      `<rect x="150" y="420" width="900" height="40" rx="10" fill="#8d6e63"/>` +
      Array.from(
        { length: 6 },
        (_, i) => `<ellipse cx="${250 + i * 140}" cy="380" rx="60" ry="45" fill="#e0a96d"/>`,
      ).join(''),
    carving: `<path d="M600 120 C 760 220, 760 420, 600 560 C 440 420, 440 220, 600 120 Z" fill="#a1887f"/><circle cx="600" cy="300" r="60" fill="#6d4c41"/>`,
    cloth: Array.from({ length: 8 }, (_, r) =>
      Array.from(
        { length: 14 },
        (_, c) =>
          `<circle cx="${90 + c * 80}" cy="${80 + r * 75}" r="22" fill="none" stroke="#fff3e0" stroke-width="6"/>`,
      ).join(''),
    ).join(''),
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${colour}"/>${shapes[scene]}</svg>`
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer())
}

export async function seedStoriesDemo(db: DB, at: Date = new Date()) {
  const id = async (table: 'users' | 'upts' | 'products' | 'programs' | 'agreements', column: string, value: string) =>
    (
      (await db
        .selectFrom(table)
        .select('id')
        .where(column as never, '=', value as never)
        .executeTakeFirstOrThrow()) as { id: string }
    ).id
  const staffKediri = await id('users', 'email', 'staf.kediri@mitralipas.demo')
  const staffBangli = await id('users', 'email', 'staf.bangli@mitralipas.demo')
  const partnerMember = await id('users', 'email', 'mitra@mitralipas.demo')
  const admin = await id('users', 'email', 'admin@mitralipas.demo')
  const kediri = await id('upts', 'slug', 'lapas-kelas-iia-kediri')
  const bangli = await id('upts', 'slug', 'lapas-narkotika-kelas-iia-bangli')
  const tenun = await id('partners' as never, 'slug', 'tenun-nusantara')
  const offtake = await id('agreements', 'number', 'KS-2026-000002')
  const publicity = await id('agreements', 'number', 'KS-2026-000003')
  const product = (name: string) => id('products', 'name', name)
  const bangliProgram = await db
    .selectFrom('programs')
    .select('id')
    .where('upt_id', '=', bangli)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .executeTakeFirst()

  // Dates in the past of `at`, whatever day the demo is seeded.
  const past = (iso: string) => new Date(Math.min(Date.parse(iso), at.getTime() - 60_000))
  const publish = async (storyId: string, when: string) => {
    const t = past(when).toISOString()
    await db
      .updateTable('stories')
      .set({ status: 'published', published_at: t, reviewed_by: admin, reviewed_at: t, updated_at: t })
      .where('id', '=', storyId)
      .execute()
  }

  const s1 = await submitStory(
    db,
    { uptId: kediri },
    {
      title: 'Dari benang ke pasar: tenun ikat Lapas Kediri',
      summary:
        'Setiap bulan lima puluh lembar kain tenun ikat dari bengkel Lapas Kediri diserap Tenun Nusantara dan dijual di toko daring.',
      body: 'Bengkel tenun Lapas Kelas IIA Kediri kini memiliki dua belas alat tenun bukan mesin (ATBM).\n\n## Kerja sama penyerapan\n\nSejak April 2026, **Tenun Nusantara** membeli 50 lembar kain per bulan dengan harga Rp 350.000 per lembar. Hasil penjualan dicatat sebagai PNBP dan premi bagi warga binaan.\n\n- Pewarna alam dari kulit mahoni dan daun indigo\n- Pola ikat khas Kediri\n- Uji mutu lebar 60 cm sebelum dikirim\n\nKain tenun ini juga tersedia di [katalog Mitra Lipas](/products?category=tenun).',
      titleEn: 'From thread to market: ikat weaving at Lapas Kediri',
      summaryEn:
        'Every month fifty ikat cloths from the Lapas Kediri workshop are bought by Tenun Nusantara and sold online.',
      agreementId: offtake,
      productIds: [await product('Kain Tenun Ikat Troso'), await product('Batik Tulis Motif Kediri')],
    },
    [
      {
        field: 'photo0',
        bytes: await drawing('loom', '#8c2f39'),
        alt: 'Benang lungsin terpasang pada alat tenun bukan mesin di bengkel Lapas Kediri',
      },
      {
        field: 'photo1',
        bytes: await drawing('cloth', '#7a4b1e'),
        alt: 'Kain tenun ikat bermotif lingkaran siap dikirim',
      },
    ],
    { userId: staffKediri },
    past('2026-10-03T02:00:00Z'),
  )
  await publish(s1.id, '2026-10-05T03:00:00Z')

  const s2 = await submitStory(
    db,
    { partnerId: tenun },
    {
      title: 'Songket Lombok Tengah di Pameran Hari Bakti Pemasyarakatan',
      summary:
        'Songket dari Lapas Terbuka Lombok Tengah terjual Rp 4.250.000 dalam pameran Hari Bakti Pemasyarakatan ke-62 di Mataram.',
      body: 'Pada 27 April 2026, kami membuka stan songket Lapas Terbuka Kelas IIB Lombok Tengah di Pameran Hari Bakti Pemasyarakatan ke-62.\n\nSekitar 1.800 pengunjung mampir ke stan, dan produk senilai **Rp 4.250.000** terjual selama pameran. Liputan ANTARA NTB pada Juni menyusul pameran ini.\n\nKerja sama publikasi ini berlangsung hingga Maret 2027 dengan target enam publikasi.',
      agreementId: publicity,
    },
    [
      {
        field: 'photo0',
        bytes: await drawing('songket', '#8e1b1b'),
        alt: 'Motif belah ketupat benang emas pada kain songket merah',
      },
    ],
    { userId: partnerMember },
    past('2026-05-06T02:00:00Z'),
  )
  await publish(s2.id, '2026-05-08T04:00:00Z')

  const s3 = await submitStory(
    db,
    { uptId: bangli },
    {
      title: 'Dapur roti Lapas Bangli melayani pesanan harian',
      summary:
        'Dapur produksi Lapas Narkotika Bangli memanggang roti dan kue untuk pesanan kantor di sekitar Bangli setiap pagi.',
      body: 'Warga binaan yang mengikuti program tata boga di Lapas Narkotika Kelas IIA Bangli belajar menimbang, menguleni, dan memanggang dengan standar kebersihan pangan.\n\nSetiap pagi dapur menyiapkan roti manis dan kue basah. Pelatihan ini menyiapkan keterampilan yang dapat dipakai setelah bebas.',
      titleEn: 'The Lapas Bangli bakery serves daily orders',
      summaryEn:
        'The production kitchen of Lapas Narkotika Bangli bakes bread and cakes for nearby offices every morning.',
      programId: bangliProgram?.id,
    },
    [
      {
        field: 'photo0',
        bytes: await drawing('bakery', '#5d4037'),
        alt: 'Enam roti di atas nampan kayu di dapur produksi',
      },
    ],
    { userId: staffBangli },
    past('2026-09-10T02:00:00Z'),
  )
  await publish(s3.id, '2026-09-12T02:00:00Z')

  const s4 = await submitStory(
    db,
    { uptId: bangli },
    {
      title: 'Ukiran garuda dari bengkel kayu Bangli',
      summary:
        'Bengkel ukir Lapas Bangli, dibina perajin Gianyar, kini menerima pesanan ukiran kayu suar melalui katalog Mitra Lipas.',
      body: 'Bengkel ukir Lapas Narkotika Kelas IIA Bangli menggunakan kayu suar dari pemasok bersertifikat.\n\nSetiap ukiran garuda setinggi 40 cm dikerjakan sekitar tiga minggu, dari membuat pola hingga *finishing* natural.',
      productIds: [await product('Ukiran Kayu Garuda')],
    },
    [
      {
        field: 'photo0',
        bytes: await drawing('carving', '#3e2723'),
        alt: 'Bentuk ukiran kayu setengah jadi di meja bengkel',
      },
    ],
    { userId: staffBangli },
    past('2026-11-14T02:00:00Z'),
  )
  await publish(s4.id, '2026-11-16T02:00:00Z')

  // One story waiting for the review of an admin (national, or Kanwil Jawa Timur).
  await submitStory(
    db,
    { uptId: kediri },
    {
      title: 'Angkatan baru pelatihan tenun bersertifikat BNSP',
      summary:
        'Sepuluh kursi pelatihan tenun ikat bersertifikat dibuka lagi untuk warga binaan Lapas Kediri pada awal 2027.',
      body: 'Setelah angkatan pertama lulus uji kompetensi LSP Tenun pada Maret 2026, Lapas Kediri dan Tenun Nusantara menyiapkan angkatan berikutnya.\n\nPelatihan 120 jam mencakup pewarnaan alam, mengikat motif, dan menenun dengan ATBM.',
    },
    [
      {
        field: 'photo0',
        bytes: await drawing('loom', '#4e342e'),
        alt: 'Alat tenun bukan mesin yang siap dipakai angkatan baru',
      },
    ],
    { userId: staffKediri },
    past('2026-12-01T02:00:00Z'),
  )
}
