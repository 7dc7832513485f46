import { describe, expect, test } from 'vitest'
import { translator } from '#app/i18n/index.ts'
import { parseAuditFilter, wibDayEnd, wibDayStart } from '#app/domain/audit/filters.ts'
import {
  type WordingContext,
  actionText,
  auditIdsIn,
  changeLine,
  describeActor,
  describeChanges,
  describeObject,
  formatAuditTime,
} from '#app/web/audit-wording.ts'

const id: WordingContext = { t: translator('id'), lang: 'id', uptNames: new Map([['u1', 'Lapas Kelas IIA Kediri']]) }
const en: WordingContext = { t: translator('en'), lang: 'en', uptNames: id.uptNames }
const lines = (action: string, details: unknown, ctx = id) =>
  describeChanges(action, details === null ? null : JSON.stringify(details), ctx).map(changeLine)

describe('audit log in words', () => {
  test('an action code reads as words in each language, an unknown code as itself', () => {
    expect(actionText(id.t, 'payment.transfer.confirm')).toBe('Transfer dikonfirmasi')
    expect(actionText(en.t, 'payment.transfer.confirm')).toBe('Transfer confirmed')
    expect(actionText(id.t, 'something.new')).toBe('something.new')
  })

  test('times read dd MMM yyyy HH.mm in WIB (UTC+7), in either language', () => {
    expect(formatAuditTime('2026-12-06T02:05:00.000Z', 'id')).toBe('06 Des 2026 09.05 WIB')
    expect(formatAuditTime('2026-12-06T02:05:00.000Z', 'en')).toBe('06 Dec 2026 09.05 WIB')
    // 23.30 UTC is already the next day in Jakarta
    expect(formatAuditTime('2026-05-31T23:30:00.000Z', 'id')).toBe('01 Jun 2026 06.30 WIB')
  })

  test('before/after objects become one line per changed field; amounts in rupiah', () => {
    expect(
      lines('shop.limits', {
        before: { ordersPerIp: 5, guestMaxUnits: 50, someNewLimit: 1 },
        after: { ordersPerIp: 10, guestMaxUnits: 50, someNewLimit: 2 },
      }),
    ).toEqual(['Pesanan per alamat IP: 5 → 10', 'Some new limit: 1 → 2'])
    expect(lines('pnbp.target.set', { year: 2026, amount: 15_000_000, before: 12_500_000 })).toEqual([
      'Jumlah: Rp 12.500.000 → Rp 15.000.000',
      'Tahun: 2026',
    ])
    expect(lines('pnbp.target.set', { year: 2026, amount: 15_000_000, before: null }, en)).toEqual([
      'Amount: — → Rp 15.000.000',
      'Year: 2026',
    ])
    expect(lines('shop.limits', { before: { a: 1 }, after: { a: 1 } })).toEqual([
      'Perubahan: tidak ada nilai yang berubah',
    ])
  })

  test('lists, statuses, dates, yes/no and codes are said in words', () => {
    expect(lines('settings.supportKinds', { before: ['capital', 'training'], after: ['training'] })).toEqual([
      'Jenis dukungan: Pemodalan, Pelatihan → Pelatihan',
    ])
    expect(lines('partner.verify', { from: 'pending', to: 'verified', reason: null }, en)).toEqual([
      'Status: Awaiting verification → Verified',
    ])
    expect(
      lines('upt.statusChanged', { class: 'IIA', securityLevel: 'super_maximum', effectiveFrom: '2026-11-01' }),
    ).toEqual(['Kelas: IIA', 'Tingkat keamanan: Super maksimum', 'Berlaku sejak: 1 Nov 2026'])
    expect(lines('payment.refund', { amount: 125_000, reason: 'Rusak', restock: true })).toEqual([
      'Jumlah: Rp 125.000',
      'Alasan: Rusak',
      'Stok dikembalikan: Ya',
    ])
    expect(lines('pnbp.target.set', { uptId: 'u1' })).toEqual(['UPT: Lapas Kelas IIA Kediri'])
    const names = new Map([['p1', 'Tenun Nusantara']])
    expect(lines('story.submitted', { partnerId: 'p1', photos: 2 }, { ...id, names })).toEqual([
      'Mitra: Tenun Nusantara',
      'Foto: 2',
    ])
    // a field with no value is left out
    expect(lines('story.submitted', { partnerId: null, photos: 1 })).toEqual(['Foto: 1'])
    expect(auditIdsIn([JSON.stringify({ partnerId: 'p1', userId: 'x', other: 'y' }), null, 'nope'])).toEqual({
      partners: ['p1'],
      kanwils: [],
      users: ['x'],
    })
    expect(lines('pnbp.rule.version', { shares: { premi: 3500, pnbp: 5000, production: 1500 } })).toEqual([
      'Porsi: Premi: 35%, PNBP: 50%, Modal produksi: 15%',
    ])
    expect(lines('x', { transactions: 1250, version: 1203 })).toEqual(['Transaksi: 1.250', 'Versi: 1203'])
    expect(lines('x', { settledAt: '2026-12-01T03:00:00.000Z' })).toEqual(['Settled at: 01 Des 2026 10.00 WIB'])
  })

  test('no details, and details that are not JSON, do not break the list', () => {
    expect(describeChanges('logout', null, id)).toEqual([])
    expect(describeChanges('x', 'not json', id).map(changeLine)).toEqual(['Rincian: not json'])
  })

  test('objects are named and linked where a page exists', () => {
    expect(describeObject('product', 'p1', { label: 'Tas Tenun', uptId: 'u1' }, id)).toEqual({
      type: 'product',
      typeText: 'Produk',
      id: 'p1',
      label: 'Tas Tenun',
      href: '/upt/u1/products/p1',
    })
    expect(describeObject('upt', 'u1', { label: 'Lapas Kediri', uptId: 'u1' }, en)?.href).toBe('/admin/upts/u1')
    expect(describeObject('agreement', 'a1', { label: 'KS-2026-000001' }, id)?.href).toBe('/agreements/a1')
    // a record that is gone: no link to a page that would answer 404
    expect(describeObject('agreement', 'gone', undefined, id)?.href).toBeNull()
    expect(describeObject('route', '/admin/settings', undefined, id)).toMatchObject({
      typeText: 'Halaman',
      label: null,
      href: null,
    })
    expect(describeObject('target.upt', '2026:u1', undefined, id)).toMatchObject({
      label: '2026 · Lapas Kelas IIA Kediri',
      href: '/admin/targets?year=2026',
    })
    expect(describeObject(null, null, undefined, id)).toBeNull()
  })

  test('who: the name with roles and scope, or the system', () => {
    expect(
      describeActor(
        { name: 'Sari', email: 'sari@x.test' },
        [
          { role: 'admin', scopeName: null },
          { role: 'finance', scopeName: 'Lapas Kediri' },
        ],
        id.t,
      ),
    ).toEqual({ name: 'Sari', email: 'sari@x.test', roles: 'Admin · Nasional; Keuangan · Lapas Kediri' })
    expect(describeActor(null, [], en.t)).toEqual({ name: 'System', email: null, roles: '' })
  })
})

describe('audit log filter', () => {
  const choices = {
    actions: new Set(['payment.refund']),
    objectTypes: new Set(['product']),
    uptIds: new Set(['u1']),
  }
  const parse = (q: string) => parseAuditFilter(new URLSearchParams(q), choices)

  test('good values become the filter; empty ones are left out', () => {
    expect(parse('person=+sari+&action=payment.refund&type=product&upt=u1&from=2026-12-01&to=2026-12-06')).toEqual({
      filter: {
        person: 'sari',
        action: 'payment.refund',
        objectType: 'product',
        uptId: 'u1',
        from: '2026-12-01',
        to: '2026-12-06',
      },
      errors: null,
    })
    expect(parse('person=&action=&from=')).toEqual({ filter: {}, errors: null })
  })

  test('bad values are named by field and filter nothing', () => {
    expect(parse('action=drop.tables')).toEqual({ filter: {}, errors: { action: ['audit.filter.unknownAction'] } })
    expect(parse('type=x&upt=nope').errors).toEqual({
      type: ['audit.filter.unknownType'],
      upt: ['audit.filter.unknownUpt'],
    })
    expect(parse('from=2026-02-30').errors).toEqual({ from: ['audit.filter.badDate'] })
    expect(parse('to=yesterday').errors).toEqual({ to: ['audit.filter.badDate'] })
    expect(parse('from=2026-12-06&to=2026-12-01').errors).toEqual({ to: ['audit.filter.toBeforeFrom'] })
    expect(parse(`person=${'x'.repeat(101)}`).errors).toEqual({ person: ['field.tooLong'] })
  })

  test('a WIB day runs from 17.00 UTC the day before', () => {
    expect(wibDayStart('2026-12-06')).toBe('2026-12-05T17:00:00.000Z')
    expect(wibDayEnd('2026-12-06')).toBe('2026-12-06T17:00:00.000Z')
  })
})
