/**
 * A tile-grid map of Indonesia: each of the 38 provinces is one square placed roughly where it
 * lies (Sumatra on the left, Papua on the right, Java and Nusa Tenggara along the bottom), with
 * its ISO 3166-2:ID short code. Used instead of boundaries because no openly licensed boundary
 * dataset of the 38 provinces ships as a package (ADR 031); squares also keep small provinces
 * (DKI Jakarta, DI Yogyakarta) as visible as large ones.
 */
export interface ProvinceTile {
  /** BPS province code, as in the provinces table */
  id: string
  /** ISO 3166-2:ID subdivision code, without the "ID-" */
  code: string
  col: number
  row: number
}

export const PROVINCE_TILES: ProvinceTile[] = [
  { id: '11', code: 'AC', col: 0, row: 0 },
  { id: '12', code: 'SU', col: 1, row: 1 },
  { id: '14', code: 'RI', col: 2, row: 1 },
  { id: '21', code: 'KR', col: 3, row: 1 },
  { id: '13', code: 'SB', col: 1, row: 2 },
  { id: '15', code: 'JA', col: 2, row: 2 },
  { id: '19', code: 'BB', col: 3, row: 2 },
  { id: '17', code: 'BE', col: 2, row: 3 },
  { id: '16', code: 'SS', col: 3, row: 3 },
  { id: '18', code: 'LA', col: 3, row: 4 },
  { id: '31', code: 'JK', col: 5, row: 4 },
  { id: '36', code: 'BT', col: 4, row: 5 },
  { id: '32', code: 'JB', col: 5, row: 5 },
  { id: '33', code: 'JT', col: 6, row: 5 },
  { id: '34', code: 'YO', col: 6, row: 6 },
  { id: '35', code: 'JI', col: 7, row: 5 },
  { id: '51', code: 'BA', col: 8, row: 6 },
  { id: '52', code: 'NB', col: 9, row: 6 },
  { id: '53', code: 'NT', col: 10, row: 6 },
  { id: '61', code: 'KB', col: 5, row: 2 },
  { id: '62', code: 'KT', col: 6, row: 2 },
  { id: '63', code: 'KS', col: 7, row: 3 },
  { id: '64', code: 'KI', col: 7, row: 2 },
  { id: '65', code: 'KU', col: 7, row: 1 },
  { id: '75', code: 'GO', col: 9, row: 1 },
  { id: '71', code: 'SA', col: 10, row: 1 },
  { id: '72', code: 'ST', col: 9, row: 2 },
  { id: '76', code: 'SR', col: 8, row: 3 },
  { id: '74', code: 'SG', col: 9, row: 3 },
  { id: '73', code: 'SN', col: 8, row: 4 },
  { id: '82', code: 'MU', col: 11, row: 1 },
  { id: '81', code: 'MA', col: 11, row: 3 },
  { id: '92', code: 'PD', col: 12, row: 1 },
  { id: '91', code: 'PB', col: 13, row: 1 },
  { id: '94', code: 'PA', col: 14, row: 1 },
  { id: '96', code: 'PT', col: 13, row: 2 },
  { id: '97', code: 'PE', col: 14, row: 2 },
  { id: '95', code: 'PS', col: 14, row: 3 },
]

export const TILE_COLS = Math.max(...PROVINCE_TILES.map((t) => t.col)) + 1
export const TILE_ROWS = Math.max(...PROVINCE_TILES.map((t) => t.row)) + 1
