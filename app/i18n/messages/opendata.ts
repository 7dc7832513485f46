/** Open data: the /data page, the API's description for people, and the partner badge (issue 15, items 4 and 6). */
export const opendata = {
  id: {
    'title.data': 'Data terbuka',
    'description.data':
      'Data terbuka Mitra Lipas: realisasi pembinaan, program, penawaran, mitra, katalog produk dan PNBP sebagai JSON dan CSV berlisensi CC BY 4.0.',
    'data.footerLink': 'Data terbuka (API)',
    'data.title': 'Data terbuka',
    'data.intro':
      'Angka portal Mitra Lipas boleh dipakai siapa saja: jurnalis, peneliti, pemerintah daerah dan Satu Data Indonesia. Semua berupa jumlah dan agregat; tidak ada data pribadi dan tidak ada data warga binaan perorangan.',
    'data.licenceTitle': 'Lisensi',
    'data.licence':
      'Semua dataset berlisensi Creative Commons Atribusi 4.0 Internasional (CC BY 4.0): boleh disalin, diolah dan diterbitkan ulang, juga untuk keperluan komersial, asalkan menyebut sumber: “Ditjenpas, Mitra Lipas”.',
    'data.licenceLink': 'Teks lisensi CC BY 4.0',
    'data.onThisPage': 'Dataset',
    'data.howTitle': 'Cara mengambil data',
    'data.how.json':
      'Setiap dataset ada di {url} sebagai JSON; tambahkan .csv (atau ?format=csv) untuk CSV yang bisa dibuka di spreadsheet.',
    'data.how.pages':
      'Paling banyak {max} baris per halaman (limit, bawaan {def}); halaman berikutnya ada di tautan next (juga di header Link).',
    'data.how.cache':
      'Jawaban boleh disimpan {seconds} detik; kirim If-None-Match dengan ETag untuk memeriksa perubahan tanpa mengunduh ulang.',
    'data.how.limit':
      'Paling banyak {n} permintaan per menit dari satu alamat IP; lebih dari itu dijawab 429 dengan Retry-After.',
    'data.how.errors':
      'Parameter yang salah dijawab 400 (application/problem+json) dengan nama parameter dan alasannya.',
    'data.openapi': 'Dokumen OpenAPI 3.1',
    'data.catalog': 'Katalog DCAT (data.json) untuk Satu Data Indonesia',
    'data.frequency': 'Pembaruan',
    'data.filters': 'Filter',
    'data.noFilters': 'Tanpa filter',
    'data.fields': 'Kolom',
    'data.field': 'Kolom',
    'data.type': 'Jenis',
    'data.meaning': 'Isi',
    'data.type.string': 'teks',
    'data.type.integer': 'angka bulat',
    'data.type.boolean': 'ya/tidak',
    'data.type.date': 'tanggal',
    'data.type.uri': 'alamat web',
    'data.nullable': 'boleh kosong',
    'data.downloadJson': 'JSON',
    'data.downloadCsv': 'CSV',
    'data.downloadOf': '{format}: {title}',
    'badge.title': 'Lencana mitra untuk situs Anda',
    'badge.intro':
      'Pasang lencana “Mitra Pokmas Lipas” di situs web organisasi Anda. Lencana menampilkan angka terkini dan mengarah ke halaman dampak Anda. Tanpa JavaScript dan tanpa pelacakan.',
    'badge.introNoImpact':
      'Angka dampak tampil di lencana setelah Anda membuka halaman dampak untuk publik (Dampak kemitraan).',
    'badge.preview': 'Pratinjau',
    'badge.code': 'Kode HTML untuk disalin',
    'badge.codeHint': 'Salin kode ini ke halaman situs Anda.',
    'badge.unverified': 'Lencana tersedia setelah organisasi Anda diverifikasi.',
    'badge.svgTitle': 'Mitra Pokmas Lipas: {name}',
    'badge.verified': 'Mitra terverifikasi',
    'badge.figures': '{trained} dilatih · {certified} bersertifikat',
  },
  en: {
    'title.data': 'Open data',
    'description.data':
      'Mitra Lipas open data: realisation of skills programmes, programmes, offers, partners, the product catalogue and PNBP as JSON and CSV under CC BY 4.0.',
    'data.footerLink': 'Open data (API)',
    'data.title': 'Open data',
    'data.intro':
      "The Mitra Lipas portal's figures are for everyone to use: journalists, researchers, local governments and Satu Data Indonesia. Everything is counts and aggregates: no personal data and no records of individual inmates.",
    'data.licenceTitle': 'Licence',
    'data.licence':
      'Every dataset is licensed under Creative Commons Attribution 4.0 International (CC BY 4.0): copy, adapt and republish it, commercially too, as long as you credit the source: “Ditjenpas, Mitra Lipas”.',
    'data.licenceLink': 'The CC BY 4.0 licence',
    'data.onThisPage': 'Datasets',
    'data.howTitle': 'How to get the data',
    'data.how.json': 'Each dataset is at {url} as JSON; add .csv (or ?format=csv) for CSV that opens in a spreadsheet.',
    'data.how.pages':
      'At most {max} rows a page (limit, default {def}); the next page is at the next link (also in the Link header).',
    'data.how.cache':
      'Answers may be kept for {seconds} seconds; send If-None-Match with the ETag to check for changes without downloading again.',
    'data.how.limit':
      'At most {n} requests a minute from one IP address; beyond that the answer is 429 with Retry-After.',
    'data.how.errors':
      'A wrong parameter is answered 400 (application/problem+json) with the parameter and the reason.',
    'data.openapi': 'OpenAPI 3.1 document',
    'data.catalog': 'DCAT catalogue (data.json) for Satu Data Indonesia',
    'data.frequency': 'Updated',
    'data.filters': 'Filters',
    'data.noFilters': 'No filters',
    'data.fields': 'Fields',
    'data.field': 'Field',
    'data.type': 'Type',
    'data.meaning': 'Meaning',
    'data.type.string': 'text',
    'data.type.integer': 'whole number',
    'data.type.boolean': 'yes/no',
    'data.type.date': 'date',
    'data.type.uri': 'web address',
    'data.nullable': 'may be empty',
    'data.downloadJson': 'JSON',
    'data.downloadCsv': 'CSV',
    'data.downloadOf': '{format}: {title}',
    'badge.title': 'Partner badge for your website',
    'badge.intro':
      "Put the “Mitra Pokmas Lipas” badge on your organisation's website. It shows your current figures and links to your impact page. No JavaScript and no tracking.",
    'badge.introNoImpact':
      'Your impact figures appear on the badge once you make your impact page public (Partnership impact).',
    'badge.preview': 'Preview',
    'badge.code': 'HTML code to copy',
    'badge.codeHint': 'Copy this code into a page of your website.',
    'badge.unverified': 'The badge is available once your organisation is verified.',
    'badge.svgTitle': 'Pokmas Lipas partner: {name}',
    'badge.verified': 'Verified partner',
    'badge.figures': '{trained} trained · {certified} certified',
  },
} as const
