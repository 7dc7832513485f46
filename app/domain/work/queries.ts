import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { addDays } from '#app/domain/pnbp/billings.ts'
import { reconciliationState } from '#app/domain/pnbp/reconcile.ts'
import { monthlyReport } from '#app/domain/pnbp/report.ts'
import { listPartnersForReview } from '#app/domain/partners/queries.ts'
import { countStoriesToReview } from '#app/domain/stories/queries.server.ts'
import type { Grant, Principal } from '#app/domain/identity/authorize.ts'
import { todayIn } from '#app/lib/time.ts'

/**
 * What waits for one person (issue 16, item 1): one section per role grant, each a list of counts
 * with the page where the work is done. Every count is scoped exactly as the guard of the page it
 * links to scopes it: UPT staff and UPT finance to their UPT, a Kanwil admin to the partners and
 * agreements of their Kanwil, a partner member to their organisation.
 */

/** How far ahead an agreement counts as about to lapse. */
export const LAPSE_WINDOW_DAYS = 30

/** One record to open directly: an agreement (its number and end date) or a month (YYYY-MM). */
export interface WorkLink {
  href: string
  label?: string
  date?: string
  month?: string
}

export interface WorkItem {
  /** i18n key of the sentence, e.g. `work.item.proposals` */
  key: string
  count: number
  href: string
  /** a few records to open directly (agreements about to lapse) */
  links?: WorkLink[]
}

export interface WorkSection {
  role: 'upt_staff' | 'finance' | 'admin' | 'partner_member'
  /** UPT, Kanwil or partner name; null for a national grant */
  scope: string | null
  /** where the role's own area starts */
  home: string
  /** only items with something waiting */
  items: WorkItem[]
}

const count = (r: { n: number | string | bigint } | undefined) => Number(r?.n ?? 0)

/** Anyone who works here (staff, finance, admins, partner members) lands on /work after login. */
export function hasWorkHome(principal: Principal): boolean {
  return principal.grants.some((g) => g.role !== 'buyer')
}

async function uptStaffSection(db: DB, uptId: string, today: string): Promise<WorkSection> {
  const [upt, proposals, subs, agreements] = await Promise.all([
    db.selectFrom('upts').select('name').where('id', '=', uptId).executeTakeFirst(),
    db
      .selectFrom('proposals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('upt_id', '=', uptId)
      .where('status', '=', 'proposed')
      .where('proposed_by_side', '=', 'partner')
      .where('expires_on', '>=', today)
      .executeTakeFirst(),
    db
      .selectFrom('sub_orders')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('upt_id', '=', uptId)
      .where('status', 'in', ['paid', 'processing'])
      .groupBy('status')
      .execute(),
    lapsing(db, { uptId }, today),
  ])
  const byStatus = (s: string) => count(subs.find((r) => r.status === s))
  return {
    role: 'upt_staff',
    scope: upt?.name ?? null,
    home: `/upt/${uptId}`,
    items: [
      { key: 'work.item.proposalsToAnswer', count: count(proposals), href: '/agreements' },
      { key: 'work.item.ordersToProcess', count: byStatus('paid'), href: `/upt/${uptId}/orders?status=paid` },
      { key: 'work.item.ordersToShip', count: byStatus('processing'), href: `/upt/${uptId}/orders?status=processing` },
      agreements,
    ].filter((i) => i.count > 0),
  }
}

/**
 * Months whose PNBP is not deposited in full, per UPT (one UPT or all): owed as the finance
 * pages count it (PNBP of payments less refunds, less deposits booked), and late when the
 * monthly report says part of it is past its deadline (app/domain/pnbp/late.ts).
 */
export async function pnbpOwed(db: DB, uptId: string | null, today: string) {
  let dueQ = db
    .selectFrom('ledger_lines')
    .select(['upt_id', 'month', sql<number>`sum(credit) - sum(debit)`.as('n')])
    .where('account', '=', 'pnbp_payable')
    .where('kind', 'in', ['payment', 'refund'])
    .groupBy(['upt_id', 'month'])
  let depositedQ = db
    .selectFrom('ledger_lines')
    .select(['upt_id', 'month', sql<number>`sum(debit)`.as('n')])
    .where('account', '=', 'pnbp_payable')
    .where('kind', '=', 'deposit')
    .groupBy(['upt_id', 'month'])
  if (uptId) {
    dueQ = dueQ.where('upt_id', '=', uptId)
    depositedQ = depositedQ.where('upt_id', '=', uptId)
  }
  const [due, deposited] = await Promise.all([dueQ.execute(), depositedQ.execute()])
  const paid = new Map(deposited.map((d) => [`${d.upt_id} ${d.month}`, Number(d.n)]))
  const owed = due.filter((d) => Number(d.n) - (paid.get(`${d.upt_id} ${d.month}`) ?? 0) > 0)
  const months = [...new Set(owed.map((o) => o.month))].sort()
  const reports = await Promise.all(months.map((month) => monthlyReport(db, { month, uptId, today })))
  const late = new Set(
    reports.flatMap((rows, i) => rows.filter((r) => r.lateAmount > 0).map((r) => `${r.uptId} ${months[i]}`)),
  )
  return owed
    .map((o) => ({ uptId: o.upt_id, month: o.month, late: late.has(`${o.upt_id} ${o.month}`) }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.uptId.localeCompare(b.uptId))
}

async function uptFinanceSection(db: DB, userId: string, uptId: string, today: string): Promise<WorkSection> {
  const transfers = (status: 'pending' | 'awaiting_second') => {
    let q = db
      .selectFrom('payments as p')
      .innerJoin('sub_orders as s', 's.id', 'p.sub_order_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.upt_id', '=', uptId)
      .where('p.method', '=', 'bank_transfer')
      .where('p.status', '=', status)
      .where('s.status', '=', 'pending_payment')
    // A transfer to confirm is one the buyer says is paid (a proof came); a second confirmation
    // can only be given by someone other than the first (app/domain/payments/bank.ts).
    q =
      status === 'pending'
        ? q.where('p.proof_uploaded_at', 'is not', null)
        : q.where('p.first_confirmed_by', '!=', userId)
    return q.executeTakeFirst()
  }
  const unpaidBillings = (late: boolean) =>
    db
      .selectFrom('pnbp_billings as b')
      .leftJoin('pnbp_deposits as d', 'd.billing_id', 'b.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('b.upt_id', '=', uptId)
      .where('d.id', 'is', null)
      .where('b.expires_on', late ? '<' : '>=', today)
      .executeTakeFirst()
  const [upt, toConfirm, second, due, late, reconciliation, owed] = await Promise.all([
    db.selectFrom('upts').select('name').where('id', '=', uptId).executeTakeFirst(),
    transfers('pending'),
    transfers('awaiting_second'),
    unpaidBillings(false),
    unpaidBillings(true),
    reconciliationState(db, uptId),
    pnbpOwed(db, uptId, today),
  ])
  const unmatched = reconciliation.lines.filter((l) => l.matches.length === 0).length
  // Each month links to its own figures; the oldest first, as that is the one to deposit first.
  const months = (late: boolean) => owed.filter((o) => o.late === late)
  const monthItem = (key: string, list: { month: string }[]) => ({
    key,
    count: list.length,
    href: `/finance/upt/${uptId}?month=${list[0]?.month ?? ''}`,
    links: list.map((o) => ({ month: o.month, href: `/finance/upt/${uptId}?month=${o.month}` })),
  })
  return {
    role: 'finance',
    scope: upt?.name ?? null,
    home: `/finance/upt/${uptId}`,
    items: [
      { key: 'work.item.transfersToConfirm', count: count(toConfirm), href: `/finance/upt/${uptId}/payments` },
      { key: 'work.item.secondConfirmations', count: count(second), href: `/finance/upt/${uptId}/payments` },
      monthItem('work.item.depositsLate', months(true)),
      monthItem('work.item.depositsDue', months(false)),
      { key: 'work.item.billingsDue', count: count(due), href: `/finance/upt/${uptId}` },
      { key: 'work.item.billingsLate', count: count(late), href: `/finance/upt/${uptId}` },
      { key: 'work.item.linesUnmatched', count: unmatched, href: `/finance/upt/${uptId}/statements` },
    ].filter((i) => i.count > 0),
  }
}

/** Active agreements ending between today and the lapse window, for a partner, a Kanwil or all. */
async function lapsing(db: DB, scope: { partnerId?: string; uptId?: string; kanwilId?: string | null }, today: string) {
  let q = db
    .selectFrom('agreements as a')
    .innerJoin('upts as u', 'u.id', 'a.upt_id')
    .where('a.status', '=', 'active')
    .where('a.end_date', '>=', today)
    .where('a.end_date', '<=', addDays(today, LAPSE_WINDOW_DAYS))
  if (scope.partnerId) q = q.where('a.partner_id', '=', scope.partnerId)
  if (scope.uptId) q = q.where('a.upt_id', '=', scope.uptId)
  if (scope.kanwilId) q = q.where('u.kanwil_id', '=', scope.kanwilId)
  const [total, first] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q.select(['a.id', 'a.number', 'a.end_date']).orderBy('a.end_date').orderBy('a.id').limit(5).execute(),
  ])
  const links = first.map((a) => ({ label: a.number, date: a.end_date, href: `/agreements/${a.id}` }))
  return { key: 'work.item.agreementsLapsing', count: count(total), href: links[0]?.href ?? '/agreements', links }
}

/** National finance: the UPTs whose PNBP is late, on the national report of the oldest such month. */
async function nationalFinanceSection(db: DB, today: string): Promise<WorkSection> {
  const late = (await pnbpOwed(db, null, today)).filter((o) => o.late)
  const upts = new Set(late.map((o) => o.uptId))
  return {
    role: 'finance',
    scope: null,
    home: '/finance',
    items: [{ key: 'work.item.uptsLate', count: upts.size, href: `/finance?month=${late[0]?.month ?? ''}` }].filter(
      (i) => i.count > 0,
    ),
  }
}

async function adminSection(db: DB, kanwilId: string | null, today: string): Promise<WorkSection> {
  const [kanwil, partners, stories, agreements] = await Promise.all([
    kanwilId ? db.selectFrom('kanwils').select('name').where('id', '=', kanwilId).executeTakeFirst() : undefined,
    listPartnersForReview(db, kanwilId, 'pending'),
    countStoriesToReview(db, kanwilId),
    lapsing(db, { kanwilId }, today),
  ])
  return {
    role: 'admin',
    scope: kanwil?.name ?? null,
    home: '/admin',
    items: [
      { key: 'work.item.partnersToVerify', count: partners.total, href: '/admin/partners?status=pending' },
      { key: 'work.item.storiesToReview', count: stories, href: '/admin/stories' },
      agreements,
    ].filter((i) => i.count > 0),
  }
}

async function partnerSection(db: DB, partnerId: string, today: string): Promise<WorkSection> {
  const [partner, proposals, agreements] = await Promise.all([
    db.selectFrom('partners').select('name').where('id', '=', partnerId).executeTakeFirst(),
    db
      .selectFrom('proposals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partner_id', '=', partnerId)
      .where('status', '=', 'proposed')
      .where('proposed_by_side', '=', 'upt')
      .where('expires_on', '>=', today)
      .executeTakeFirst(),
    lapsing(db, { partnerId }, today),
  ])
  return {
    role: 'partner_member',
    scope: partner?.name ?? null,
    home: '/partner',
    items: [{ key: 'work.item.proposalsToAnswer', count: count(proposals), href: '/agreements' }, agreements].filter(
      (i) => i.count > 0,
    ),
  }
}

function sectionFor(db: DB, userId: string, g: Grant, today: string): Promise<WorkSection> | null {
  if (g.role === 'upt_staff' && g.uptId) return uptStaffSection(db, g.uptId, today)
  if (g.role === 'finance' && g.uptId) return uptFinanceSection(db, userId, g.uptId, today)
  if (g.role === 'finance') return nationalFinanceSection(db, today)
  if (g.role === 'admin') return adminSection(db, g.kanwilId, today)
  if (g.role === 'partner_member' && g.partnerId) return partnerSection(db, g.partnerId, today)
  return null
}

/** One section per role grant the person holds, in the order the grants come. */
export async function workFor(db: DB, principal: Principal, today: string = todayIn()): Promise<WorkSection[]> {
  const pending = principal.grants.map((g) => sectionFor(db, principal.userId, g, today)).filter((p) => p !== null)
  return Promise.all(pending)
}

/** How many things wait in all, for the digest. */
export function totalWaiting(sections: WorkSection[]): number {
  return sections.reduce((sum, s) => sum + s.items.reduce((n, i) => n + i.count, 0), 0)
}
