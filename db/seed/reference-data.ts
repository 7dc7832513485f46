/**
 * Indonesia's 38 provinces (BPS codes), the island group used by matching's distance score,
 * the time zone for display and reporting, and the Kanwil (regional corrections office) that
 * covers each. There are 33 Kanwil: the newer Papua provinces and Kalimantan Utara are served
 * by the Kanwil of the province they were split from.
 */
export interface ProvinceRef {
  id: string
  name: string
  islandGroup: 'sumatera' | 'jawa' | 'bali_nusra' | 'kalimantan' | 'sulawesi' | 'maluku' | 'papua'
  timezone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura'
  kanwilProvinceId: string
}

const WIB = 'Asia/Jakarta' as const
const WITA = 'Asia/Makassar' as const
const WIT = 'Asia/Jayapura' as const

export const PROVINCES: ProvinceRef[] = [
  { id: '11', name: 'Aceh', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '11' },
  { id: '12', name: 'Sumatera Utara', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '12' },
  { id: '13', name: 'Sumatera Barat', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '13' },
  { id: '14', name: 'Riau', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '14' },
  { id: '15', name: 'Jambi', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '15' },
  { id: '16', name: 'Sumatera Selatan', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '16' },
  { id: '17', name: 'Bengkulu', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '17' },
  { id: '18', name: 'Lampung', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '18' },
  { id: '19', name: 'Kepulauan Bangka Belitung', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '19' },
  { id: '21', name: 'Kepulauan Riau', islandGroup: 'sumatera', timezone: WIB, kanwilProvinceId: '21' },
  { id: '31', name: 'DKI Jakarta', islandGroup: 'jawa', timezone: WIB, kanwilProvinceId: '31' },
  { id: '32', name: 'Jawa Barat', islandGroup: 'jawa', timezone: WIB, kanwilProvinceId: '32' },
  { id: '33', name: 'Jawa Tengah', islandGroup: 'jawa', timezone: WIB, kanwilProvinceId: '33' },
  { id: '34', name: 'DI Yogyakarta', islandGroup: 'jawa', timezone: WIB, kanwilProvinceId: '34' },
  { id: '35', name: 'Jawa Timur', islandGroup: 'jawa', timezone: WIB, kanwilProvinceId: '35' },
  { id: '36', name: 'Banten', islandGroup: 'jawa', timezone: WIB, kanwilProvinceId: '36' },
  { id: '51', name: 'Bali', islandGroup: 'bali_nusra', timezone: WITA, kanwilProvinceId: '51' },
  { id: '52', name: 'Nusa Tenggara Barat', islandGroup: 'bali_nusra', timezone: WITA, kanwilProvinceId: '52' },
  { id: '53', name: 'Nusa Tenggara Timur', islandGroup: 'bali_nusra', timezone: WITA, kanwilProvinceId: '53' },
  { id: '61', name: 'Kalimantan Barat', islandGroup: 'kalimantan', timezone: WIB, kanwilProvinceId: '61' },
  { id: '62', name: 'Kalimantan Tengah', islandGroup: 'kalimantan', timezone: WIB, kanwilProvinceId: '62' },
  { id: '63', name: 'Kalimantan Selatan', islandGroup: 'kalimantan', timezone: WITA, kanwilProvinceId: '63' },
  { id: '64', name: 'Kalimantan Timur', islandGroup: 'kalimantan', timezone: WITA, kanwilProvinceId: '64' },
  { id: '65', name: 'Kalimantan Utara', islandGroup: 'kalimantan', timezone: WITA, kanwilProvinceId: '64' },
  { id: '71', name: 'Sulawesi Utara', islandGroup: 'sulawesi', timezone: WITA, kanwilProvinceId: '71' },
  { id: '72', name: 'Sulawesi Tengah', islandGroup: 'sulawesi', timezone: WITA, kanwilProvinceId: '72' },
  { id: '73', name: 'Sulawesi Selatan', islandGroup: 'sulawesi', timezone: WITA, kanwilProvinceId: '73' },
  { id: '74', name: 'Sulawesi Tenggara', islandGroup: 'sulawesi', timezone: WITA, kanwilProvinceId: '74' },
  { id: '75', name: 'Gorontalo', islandGroup: 'sulawesi', timezone: WITA, kanwilProvinceId: '75' },
  { id: '76', name: 'Sulawesi Barat', islandGroup: 'sulawesi', timezone: WITA, kanwilProvinceId: '76' },
  { id: '81', name: 'Maluku', islandGroup: 'maluku', timezone: WIT, kanwilProvinceId: '81' },
  { id: '82', name: 'Maluku Utara', islandGroup: 'maluku', timezone: WIT, kanwilProvinceId: '82' },
  { id: '91', name: 'Papua Barat', islandGroup: 'papua', timezone: WIT, kanwilProvinceId: '91' },
  { id: '92', name: 'Papua Barat Daya', islandGroup: 'papua', timezone: WIT, kanwilProvinceId: '91' },
  { id: '94', name: 'Papua', islandGroup: 'papua', timezone: WIT, kanwilProvinceId: '94' },
  { id: '95', name: 'Papua Selatan', islandGroup: 'papua', timezone: WIT, kanwilProvinceId: '94' },
  { id: '96', name: 'Papua Tengah', islandGroup: 'papua', timezone: WIT, kanwilProvinceId: '94' },
  { id: '97', name: 'Papua Pegunungan', islandGroup: 'papua', timezone: WIT, kanwilProvinceId: '94' },
]

export function kanwilIdFor(provinceId: string): string {
  const p = PROVINCES.find((x) => x.id === provinceId)
  if (!p) throw new Error(`Unknown province ${provinceId}`)
  return `kanwil-${p.kanwilProvinceId}`
}

export const SECTORS: { id: string; nameId: string; nameEn: string }[] = [
  { id: 'furniture', nameId: 'Mebel', nameEn: 'Furniture' },
  { id: 'batik_textile', nameId: 'Batik & tekstil', nameEn: 'Batik & textiles' },
  { id: 'tenun', nameId: 'Tenun & tapis', nameEn: 'Weaving (tenun, tapis)' },
  { id: 'garment', nameId: 'Konveksi & jahit', nameEn: 'Garments & sewing' },
  { id: 'food', nameId: 'Makanan & roti', nameEn: 'Food & bakery' },
  { id: 'agriculture', nameId: 'Pertanian', nameEn: 'Agriculture' },
  { id: 'fishery', nameId: 'Perikanan', nameEn: 'Fishery' },
  { id: 'livestock', nameId: 'Peternakan', nameEn: 'Livestock' },
  { id: 'crafts', nameId: 'Kerajinan', nameEn: 'Crafts' },
  { id: 'manufacturing', nameId: 'Manufaktur & plastik', nameEn: 'Manufacturing & plastics' },
  { id: 'construction', nameId: 'Konstruksi & paving', nameEn: 'Construction & paving' },
  { id: 'services', nameId: 'Jasa (laundry, pangkas, cuci)', nameEn: 'Services (laundry, barber, wash)' },
  { id: 'printing', nameId: 'Sablon & percetakan', nameEn: 'Screen printing & print' },
  { id: 'digital', nameId: 'Digital & TI', nameEn: 'Digital & IT' },
]
