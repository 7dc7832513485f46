import type { DB } from '#db/client.ts'
import type { RouteFile } from './routes.ts'
import { urlFor } from './routes.ts'
import { placeOrder, startCardPayment } from './shop.ts'
import { sessionFor } from './support.ts'

/** The demo accounts (README), by what they are allowed to do. */
export const DEMO = {
  admin: 'admin@mitralipas.demo',
  kanwilAdmin: 'kanwil.jateng@mitralipas.demo',
  staffKediri: 'staf.kediri@mitralipas.demo',
  staffBangli: 'staf.bangli@mitralipas.demo',
  financeKediri: 'keuangan.kediri@mitralipas.demo',
  financeBangli: 'keuangan.bangli@mitralipas.demo',
  financeNational: 'keuangan@mitralipas.demo',
  partner: 'mitra@mitralipas.demo',
  buyer: 'pembeli@mitralipas.demo',
} as const

async function assignmentOf(db: DB, email: string) {
  return db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.upt_id', 'r.partner_id', 'r.kanwil_id'])
    .where('u.email', '=', email)
    .executeTakeFirstOrThrow()
}

/**
 * Real ids from the seeded demo, all inside the scope of the demo accounts above: Lapas Kediri
 * (its staff and finance) and the partner Tenun Nusantara, whose agreements are with Kediri.
 */
export async function demoIds(db: DB) {
  const kediri = (await assignmentOf(db, DEMO.staffKediri)).upt_id!
  const bangli = (await assignmentOf(db, DEMO.staffBangli)).upt_id!
  const partnerId = (await assignmentOf(db, DEMO.partner)).partner_id!
  const agreement = await db
    .selectFrom('agreements')
    .select(['id', 'number'])
    .where('partner_id', '=', partnerId)
    .where('upt_id', '=', kediri)
    .orderBy('number')
    .executeTakeFirstOrThrow()
  const first = <T>(q: { executeTakeFirstOrThrow(): Promise<T> }) => q.executeTakeFirstOrThrow()
  return {
    kediri,
    bangli,
    partnerId,
    agreementId: agreement.id,
    /** the active absorption agreement, under which the partner orders products (offtake) */
    offtakeAgreementId: (
      await first(
        db
          .selectFrom('agreements')
          .select('id')
          .where('partner_id', '=', partnerId)
          .where('kind', '=', 'absorption')
          .where('status', '=', 'active')
          .orderBy('number'),
      )
    ).id,
    programId: (await first(db.selectFrom('programs').select('id').where('upt_id', '=', kediri).orderBy('id'))).id,
    productId: (await first(db.selectFrom('products').select('id').where('upt_id', '=', kediri).orderBy('id'))).id,
    productSlug: (
      await first(
        db
          .selectFrom('products')
          .select('slug')
          .where('status', '=', 'published')
          .where('stock', '>', 0)
          .orderBy('stock', 'desc'),
      )
    ).slug,
    subOrderId: (await first(db.selectFrom('sub_orders').select('id').where('upt_id', '=', kediri).orderBy('id'))).id,
    offerId: (await first(db.selectFrom('offers').select('id').where('partner_id', '=', partnerId).orderBy('id'))).id,
    proposalId: (await first(db.selectFrom('proposals').select('id').where('partner_id', '=', partnerId).orderBy('id')))
      .id,
    imageFile: (await first(db.selectFrom('product_images').select('file_name').orderBy('id'))).file_name,
    uptSlug: (await first(db.selectFrom('upts').select('slug').where('id', '=', kediri))).slug,
    partnerSlug: (await first(db.selectFrom('partners').select('slug').where('id', '=', partnerId))).slug,
    publicProgramId: (
      await first(
        db
          .selectFrom('programs')
          .select('id')
          .where('upt_id', '=', kediri)
          .where('status', '=', 'active')
          .orderBy('id'),
      )
    ).id,
    /** a published story (issue 15) */
    storySlug: (await first(db.selectFrom('stories').select('slug').where('status', '=', 'published').orderBy('slug')))
      .slug,
  }
}

/** Who uses a route in the demo (the anonymous visitor is tried as well wherever it matters). */
export function roleFor(pattern: string): keyof typeof DEMO {
  if (pattern.startsWith('/admin')) return 'admin'
  if (pattern.startsWith('/finance/upt/')) return 'financeKediri'
  if (pattern.startsWith('/finance')) return 'financeNational'
  if (pattern.startsWith('/upt/') || pattern === '/work') return 'staffKediri'
  if (/^\/(partner|agreements|proposals)\b/.test(pattern)) return 'partner'
  return 'buyer'
}

/**
 * The URL of any route of app/routes with real demo ids in its parameters. Places an order for
 * the demo buyer on the server (so its secret link and account page exist) and starts its card
 * payment (so the simulated hosted Checkout page exists).
 */
export async function demoUrls(db: DB, o: { baseURL?: string } = {}) {
  const ids = await demoIds(db)
  const buyer = await sessionFor(DEMO.buyer, db)
  const order = await placeOrder(db, buyer, o)
  const card = await startCardPayment(db, order.path, order.number, buyer, o)
  // A line of that order, for its review pages (not completed yet: the page says so).
  const line = await db
    .selectFrom('order_lines as l')
    .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
    .innerJoin('orders as od', 'od.id', 's.order_id')
    .select('l.id')
    .where('od.order_number', '=', order.number)
    .orderBy('l.id')
    .executeTakeFirstOrThrow()
  const values: Record<string, string> = {
    uptId: ids.kediri,
    agreementId: ids.agreementId,
    programId: ids.programId,
    productId: ids.productId,
    subOrderId: ids.subOrderId,
    offerId: ids.offerId,
    proposalId: ids.proposalId,
    slug: ids.productSlug,
    number: order.number,
    sessionId: card.sessionId,
    token: 'not-a-real-token-0000000000000000',
    '*': 'no-such-page',
  }
  const byRoute: Record<string, Record<string, string>> = {
    'agreements.$agreementId_.offtake.tsx': { agreementId: ids.offtakeAgreementId },
    'orders.$number.$token.tsx': { token: order.token },
    'orders.$number.$token_.review.$lineId.tsx': { token: order.token, lineId: line.id },
    'account.orders.$number_.review.$lineId.tsx': { lineId: line.id },
    'stores.$slug.tsx': { slug: ids.uptSlug },
    'partners.$slug.tsx': { slug: ids.partnerSlug },
    'partners.$slug_.impact.tsx': { slug: ids.partnerSlug },
    'programs.$programId.tsx': { programId: ids.publicProgramId },
    'info.$slug.tsx': { slug: 'tentang' },
    'admin.pages.$slug.tsx': { slug: 'kontak' },
    'cerita.$slug.tsx': { slug: ids.storySlug },
  }
  return { ids, order, card, url: (route: RouteFile) => urlFor(route, { ...values, ...byRoute[route.file] }) }
}
