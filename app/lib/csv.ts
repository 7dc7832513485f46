import { stringify } from 'csv-stringify/sync'

/**
 * RFC 4180 CSV, UTF-8 with a header row and CRLF line ends; amounts stay integers. A field is
 * quoted when it holds a comma, a quote or a line break: csv-stringify quotes a lone \n or \r
 * only when asked (`quoted_match`), since its record delimiter here is the pair.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ })
}
