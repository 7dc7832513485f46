/**
 * Bilingual synonyms for catalog search (ADR 023): the interface speaks English too, while
 * products are described in Indonesian, so "bag" must find "tas" and "kopi" must find a product
 * described as "coffee". Each group lists words that mean the same thing to a buyer; a search
 * word that is (or is corrected to) one of them matches any of them. Words are lower case,
 * without accents, single words (the search matches word by word, as prefixes).
 * Keep groups small and unambiguous: a word in two groups widens both.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['tas', 'bag', 'bags'],
  ['kopi', 'coffee'],
  ['kain', 'fabric', 'cloth'],
  ['batik'],
  ['tenun', 'tenunan', 'weave', 'weaving'],
  ['anyaman', 'anyam', 'woven', 'wicker'],
  ['kayu', 'wood', 'wooden'],
  ['sabun', 'soap'],
  ['ukiran', 'ukir', 'carving', 'carved'],
  ['kursi', 'chair', 'chairs'],
  ['meja', 'table'],
  ['lemari', 'wardrobe', 'cupboard', 'cabinet'],
  ['mebel', 'furniture'],
  ['roti', 'bread'],
  ['kue', 'cake', 'cookie', 'cookies'],
  ['keripik', 'kripik', 'chips'],
  ['pisang', 'banana'],
  ['cokelat', 'coklat', 'chocolate'],
  ['madu', 'honey'],
  ['teh', 'tea'],
  ['gula', 'sugar'],
  ['beras', 'rice'],
  ['kaos', 'kaus', 'shirt', 'tshirt'],
  ['baju', 'clothes', 'clothing'],
  ['sandal', 'sandals', 'slippers'],
  ['sepatu', 'shoes'],
  ['dompet', 'wallet'],
  ['kulit', 'leather'],
  ['topi', 'hat'],
  ['lukisan', 'painting'],
  ['kaca', 'glass'],
  ['dupa', 'incense'],
  ['cendana', 'sandalwood'],
  ['miniatur', 'miniature'],
  ['kapal', 'ship', 'boat'],
  ['rotan', 'rattan'],
  ['bambu', 'bamboo'],
  ['keramik', 'ceramic', 'ceramics'],
  ['gerabah', 'pottery'],
  ['lilin', 'candle'],
  ['kerajinan', 'craft', 'crafts', 'handicraft'],
  ['songket'],
  ['sablon', 'screenprint', 'printed'],
  ['paving', 'pavers'],
]

const index = new Map<string, readonly string[]>()
for (const group of SYNONYM_GROUPS) for (const word of group) index.set(word, group)

/** The words meaning the same as `word` (folded), itself included; just `[word]` when none. */
export function synonymsOf(word: string): readonly string[] {
  return index.get(word) ?? [word]
}

/** Every word the synonym list knows, for typo correction ("cofee" -> coffee -> kopi). */
export const SYNONYM_WORDS: readonly string[] = [...index.keys()]
