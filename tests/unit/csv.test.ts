import { describe, expect, test } from 'vitest'
import { toCsv } from '#app/lib/csv.ts'

describe('toCsv', () => {
  test('RFC 4180: CRLF after every record, fields with a comma, quote or line break quoted, quotes doubled', () => {
    expect(
      toCsv(
        ['kode', 'uraian', 'jumlah'],
        [
          ['4.1', 'Penjualan, tunai', 1250000],
          ['4.2', 'Kain "tenun"', -12],
          ['4.3', 'baris\nkedua', 0],
          ['4.4', 'cr\ronly', ''],
          ['4.5', ' spasi ', 'ünï'],
        ],
      ),
    ).toBe(
      'kode,uraian,jumlah\r\n4.1,"Penjualan, tunai",1250000\r\n4.2,"Kain ""tenun""",-12\r\n4.3,"baris\nkedua",0\r\n4.4,"cr\ronly",\r\n4.5, spasi ,ünï\r\n',
    )
    expect(toCsv(['a'], [])).toBe('a\r\n')
  })
})
