import type { PartnerRole, Role } from '#db/schema.ts'

/** One role a user holds, with the scope it applies to. */
export interface Grant {
  role: Role
  kanwilId: string | null
  uptId: string | null
  partnerId: string | null
  partnerRole: PartnerRole | null
}

export interface Principal {
  userId: string
  grants: Grant[]
}

/** Where a protected thing lives; permissions compare it with the user's grants. */
export interface Scope {
  uptId?: string
  kanwilId?: string
  /** Kanwil that may act on something that spans provinces (e.g. a partner serving several). */
  kanwilIds?: string[]
  partnerId?: string
}

const isNationalAdmin = (g: Grant) => g.role === 'admin' && g.kanwilId === null
const adminOfKanwil = (g: Grant, kanwilId: string | undefined) =>
  g.role === 'admin' && (g.kanwilId === null || (kanwilId !== undefined && g.kanwilId === kanwilId))

/**
 * Every permission in the portal and the rule that grants it. Loaders and actions call
 * `authorize` (through requireUser) with one of these names and the scope of the record at hand.
 */
const RULES = {
  /** Any admin page (national or Kanwil). */
  'admin.access': (g: Grant) => g.role === 'admin',
  /** National-only admin work: settings, national targets. */
  'admin.national': (g: Grant) => isNationalAdmin(g),
  /** Invite staff and finance users to a UPT; edit a UPT's registry entry. */
  'upt.administer': (g: Grant, s: Scope) => adminOfKanwil(g, s.kanwilId),
  /** Run a UPT's programs, products and fulfilment. */
  'upt.manage': (g: Grant, s: Scope) =>
    (g.role === 'upt_staff' && s.uptId !== undefined && g.uptId === s.uptId) || adminOfKanwil(g, s.kanwilId),
  /** See and act on a UPT's money: finance of that UPT or national finance. */
  'upt.finance': (g: Grant, s: Scope) =>
    g.role === 'finance' && (g.uptId === null || (s.uptId !== undefined && g.uptId === s.uptId)),
  'finance.national': (g: Grant) => g.role === 'finance' && g.uptId === null,
  /** The shop's limits on anonymous buying (orders per IP and per email, units per guest order). */
  'shop.limits': (g: Grant) => isNationalAdmin(g) || (g.role === 'finance' && g.uptId === null),
  /** Work on a partner organisation's offers and profile. */
  'partner.manage': (g: Grant, s: Scope) =>
    g.role === 'partner_member' && s.partnerId !== undefined && g.partnerId === s.partnerId,
  /** Invite members, change the organisation's details. */
  'partner.own': (g: Grant, s: Scope) =>
    g.role === 'partner_member' &&
    g.partnerRole === 'owner' &&
    s.partnerId !== undefined &&
    g.partnerId === s.partnerId,
  /** Verify, reject, suspend a partner: national admins, or the Kanwil of a province it serves. */
  'partner.verify': (g: Grant, s: Scope) =>
    isNationalAdmin(g) || (g.role === 'admin' && g.kanwilId !== null && (s.kanwilIds ?? []).includes(g.kanwilId)),
  /** See an agreement or proposal: either party (the partner's members, the UPT's staff) or its Kanwil's admins. */
  'agreement.view': (g: Grant, s: Scope) =>
    (g.role === 'partner_member' && s.partnerId !== undefined && g.partnerId === s.partnerId) ||
    (g.role === 'upt_staff' && s.uptId !== undefined && g.uptId === s.uptId) ||
    adminOfKanwil(g, s.kanwilId),
  /** Set yearly realisation targets: national ones by national admins; a Kanwil's and its UPTs' by that Kanwil. */
  'targets.manage': (g: Grant, s: Scope) => adminOfKanwil(g, s.kanwilId),
} satisfies Record<string, (g: Grant, s: Scope) => boolean>

export type Permission = keyof typeof RULES

export function authorize(principal: Principal | null, permission: Permission, scope: Scope = {}): boolean {
  if (!principal) return false
  const rule: (g: Grant, s: Scope) => boolean = RULES[permission]
  return principal.grants.some((g) => rule(g, scope))
}

export function hasRole(principal: Principal | null, role: Role): boolean {
  return !!principal?.grants.some((g) => g.role === role)
}

/** Admin and finance accounts must use a second factor. */
export function requiresTotp(principal: Principal): boolean {
  return principal.grants.some((g) => g.role === 'admin' || g.role === 'finance')
}

/** Staff sessions idle out after 30 minutes; everyone else's only at the absolute limit. */
export function isStaff(principal: Principal): boolean {
  return principal.grants.some((g) => g.role === 'admin' || g.role === 'finance' || g.role === 'upt_staff')
}
