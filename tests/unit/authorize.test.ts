import { describe, expect, test } from 'vitest'
import { authorize, type Grant, type Principal, requiresTotp } from '#app/domain/identity/authorize.ts'

const g = (over: Partial<Grant>): Grant => ({
  role: 'buyer',
  kanwilId: null,
  uptId: null,
  partnerId: null,
  partnerRole: null,
  ...over,
})
const p = (...grants: Grant[]): Principal => ({ userId: 'u', grants })

describe('authorize', () => {
  test('nobody signed in may do nothing', () => {
    expect(authorize(null, 'upt.manage', { uptId: 'a' })).toBe(false)
  })
  test('UPT staff manage their own UPT only', () => {
    const staff = p(g({ role: 'upt_staff', uptId: 'a' }))
    expect(authorize(staff, 'upt.manage', { uptId: 'a', kanwilId: 'k1' })).toBe(true)
    expect(authorize(staff, 'upt.manage', { uptId: 'b', kanwilId: 'k1' })).toBe(false)
    expect(authorize(staff, 'upt.manage', {})).toBe(false)
    expect(authorize(staff, 'admin.access')).toBe(false)
  })
  test('Kanwil admins act within their Kanwil; national admins everywhere', () => {
    const kanwil = p(g({ role: 'admin', kanwilId: 'k1' }))
    const national = p(g({ role: 'admin' }))
    expect(authorize(kanwil, 'upt.administer', { kanwilId: 'k1' })).toBe(true)
    expect(authorize(kanwil, 'upt.administer', { kanwilId: 'k2' })).toBe(false)
    expect(authorize(kanwil, 'upt.administer', {})).toBe(false)
    expect(authorize(kanwil, 'admin.national')).toBe(false)
    expect(authorize(national, 'upt.administer', { kanwilId: 'k2' })).toBe(true)
    expect(authorize(national, 'admin.national')).toBe(true)
    expect(authorize(kanwil, 'partner.verify', { kanwilIds: ['k3', 'k1'] })).toBe(true)
    expect(authorize(kanwil, 'partner.verify', { kanwilIds: ['k3'] })).toBe(false)
  })
  test('finance: own UPT, or every UPT when national', () => {
    const uptFinance = p(g({ role: 'finance', uptId: 'a' }))
    const national = p(g({ role: 'finance' }))
    expect(authorize(uptFinance, 'upt.finance', { uptId: 'a' })).toBe(true)
    expect(authorize(uptFinance, 'upt.finance', { uptId: 'b' })).toBe(false)
    expect(authorize(uptFinance, 'finance.national')).toBe(false)
    expect(authorize(national, 'upt.finance', { uptId: 'b' })).toBe(true)
    expect(authorize(national, 'upt.manage', { uptId: 'b' })).toBe(false)
  })
  test('shop limits: national admins and national finance only', () => {
    expect(authorize(p(g({ role: 'admin' })), 'shop.limits')).toBe(true)
    expect(authorize(p(g({ role: 'finance' })), 'shop.limits')).toBe(true)
    expect(authorize(p(g({ role: 'admin', kanwilId: 'k1' })), 'shop.limits')).toBe(false)
    expect(authorize(p(g({ role: 'finance', uptId: 'a' })), 'shop.limits')).toBe(false)
    expect(authorize(p(g({ role: 'upt_staff', uptId: 'a' })), 'shop.limits')).toBe(false)
    expect(authorize(p(g({ role: 'buyer' })), 'shop.limits')).toBe(false)
  })
  test('partner members work on their organisation; only owners own it', () => {
    const member = p(g({ role: 'partner_member', partnerId: 'x', partnerRole: 'member' }))
    const owner = p(g({ role: 'partner_member', partnerId: 'x', partnerRole: 'owner' }))
    expect(authorize(member, 'partner.manage', { partnerId: 'x' })).toBe(true)
    expect(authorize(member, 'partner.manage', { partnerId: 'y' })).toBe(false)
    expect(authorize(member, 'partner.own', { partnerId: 'x' })).toBe(false)
    expect(authorize(owner, 'partner.own', { partnerId: 'x' })).toBe(true)
  })
  test('agreements are seen by their two parties and the Kanwil, targets set by scope', () => {
    const scope = { partnerId: 'x', uptId: 'a', kanwilId: 'k1' }
    expect(
      authorize(p(g({ role: 'partner_member', partnerId: 'x', partnerRole: 'member' })), 'agreement.view', scope),
    ).toBe(true)
    expect(
      authorize(p(g({ role: 'partner_member', partnerId: 'y', partnerRole: 'owner' })), 'agreement.view', scope),
    ).toBe(false)
    expect(authorize(p(g({ role: 'upt_staff', uptId: 'a' })), 'agreement.view', scope)).toBe(true)
    expect(authorize(p(g({ role: 'upt_staff', uptId: 'b' })), 'agreement.view', scope)).toBe(false)
    expect(authorize(p(g({ role: 'admin', kanwilId: 'k1' })), 'agreement.view', scope)).toBe(true)
    expect(authorize(p(g({ role: 'admin', kanwilId: 'k2' })), 'agreement.view', scope)).toBe(false)
    expect(authorize(p(g({ role: 'finance' })), 'agreement.view', scope)).toBe(false)
    const kanwil = p(g({ role: 'admin', kanwilId: 'k1' }))
    expect(authorize(kanwil, 'targets.manage', { kanwilId: 'k1' })).toBe(true)
    expect(authorize(kanwil, 'targets.manage', { kanwilId: 'k2' })).toBe(false)
    expect(authorize(kanwil, 'targets.manage', {})).toBe(false)
    expect(authorize(p(g({ role: 'admin' })), 'targets.manage', {})).toBe(true)
    expect(authorize(p(g({ role: 'upt_staff', uptId: 'a' })), 'targets.manage', { kanwilId: 'k1' })).toBe(false)
  })
  test('admin and finance need a second factor', () => {
    expect(requiresTotp(p(g({ role: 'admin' })))).toBe(true)
    expect(requiresTotp(p(g({ role: 'finance', uptId: 'a' })))).toBe(true)
    expect(requiresTotp(p(g({ role: 'upt_staff', uptId: 'a' })))).toBe(false)
  })
})
