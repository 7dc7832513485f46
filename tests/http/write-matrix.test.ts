/**
 * Write matrix (issue 11, test layer): every form action of the portal, spoken to over real HTTP
 * by a user of one scope (Lapas Kediri, Lapas Bangli, Kanwil Jawa Tengah, the partner Tenun
 * Nusantara, a buyer, a guest order) with a body that works, and then with each id-bearing field
 * swapped for a record of another scope (another UPT, Kanwil, partner, order, cart) and for an id
 * that does not exist. A swapped body must be refused (400, 403 or 404) with no row changed
 * anywhere; the unchanged body must then succeed, which proves the refusal came from the id and
 * not from some other mistake in the body.
 *
 * The actions come from app/routes, like the access matrix's pages: a route with an action that
 * is not listed here fails, and so does an id-bearing field (found in the route's schemas by
 * tests/http/id-fields.ts) that no case swaps, so a new action or field is covered the day it is
 * added.
 */
import crypto from 'node:crypto'
import { sql } from 'kysely'
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'
import type { DB } from '#db/client.ts'
import { postPaymentConfirmed } from '#app/domain/ledger/postings.ts'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { startBankTransfer } from '#app/domain/payments/bank.ts'
import { createBilling } from '#app/domain/pnbp/billings.ts'
import { matchManually } from '#app/domain/pnbp/reconcile.ts'
import { saveSplitRule } from '#app/domain/ledger/split-rules.ts'
import { newId } from '#app/lib/ids.ts'
import { nowIso, todayIn } from '#app/lib/time.ts'
import { addLegalDocumentRows, createPartner, createUser } from '#tests/factories.ts'
import { createOffer } from '#tests/matching-fixtures.ts'
import { actionRouteFiles, idFieldsOf } from './id-fields.ts'
import { changedTables, fingerprint, send, serverDb, sessionFor } from './support.ts'

/** An id that names nothing, shaped like the portal's own. */
const GHOST = '0190aaaa-0000-7000-8000-00000000dead'
const REFUSED = [400, 403, 404]

type Body = Record<string, string | string[]>
interface Case {
  label: string
  /** demo account signed in (its own scope is the first scope); a cookie for guests */
  as?: string
  cookie?: string
  path: string
  body: Body
  /** file parts (multipart/form-data) */
  files?: Record<string, { bytes: Uint8Array; type: string; name: string }>
  /** field -> the swapped values (label -> value): each must be refused and write nothing */
  swaps: Record<string, Record<string, string | string[]>>
  /** field -> values the action must ignore: the request succeeds and no row gains the value */
  inert?: Record<string, Record<string, string>>
  /** the unchanged body writes something (default) or only answers (a preview) */
  controlWrites?: boolean
}
interface Entry {
  cases?: (w: World) => Case[]
  /** id-looking fields the action does not read from this form, and why */
  ignored?: Record<string, string>
  /** an action whose body carries no ids, and why */
  none?: string
}

type World = Awaited<ReturnType<typeof buildWorld>>

const ACCOUNT_FORMS = 'parseAccountForm holds every account form; only signup reads coverage ids'
const ACCOUNT_FORM_IGNORED = { provinceIds: ACCOUNT_FORMS, sectorIds: ACCOUNT_FORMS }

const MATRIX: Record<string, Entry> = {
  'account._index.tsx': { none: 'profile and password of the signed-in user only' },
  'account.totp.tsx': { none: 'secret and code of the signed-in user only' },
  'account.consent.tsx': { none: 'a consent box and a same-origin path, for the signed-in user only' },
  'verify-email._index.tsx': { none: 'no body: a new link for the signed-in user' },
  'verify-email.$token.tsx': { none: 'the token is the URL; no body' },
  'partner.documents.tsx': {
    cases: (w): Case[] => [
      {
        label: "Tenun Nusantara's owner replaces its deed of establishment",
        as: 'mitra@mitralipas.demo',
        path: '/partner/documents',
        body: { replaceId: w.tenunDocument },
        files: { document: w.legalPdf },
        swaps: {
          replaceId: { 'a document of another partner': w.otherPartnerDocument, 'an unknown document': GHOST },
        },
      },
    ],
  },
  'account.orders._index.tsx': {
    cases: (w): Case[] => [
      {
        label: '"Beli lagi" puts an own past order back in the cart',
        as: 'pembeli@mitralipas.demo',
        path: '/account/orders',
        body: { orderNumber: w.orderA.number },
        swaps: {
          orderNumber: { "another buyer's (guest) order": w.orderB.number, 'an unknown order': 'ML-1999-999999' },
        },
      },
    ],
  },
  'account.orders.$number.tsx': {
    cases: (w): Case[] => [
      {
        label: 'proof of transfer for a payment of this order',
        as: 'pembeli@mitralipas.demo',
        path: `/account/orders/${w.orderA.number}`,
        body: { intent: 'proof', paymentId: w.orderA.kediri },
        files: { proof: w.proofImage },
        swaps: { paymentId: { "a payment of someone else's order": w.orderB.kediri, 'an unknown payment': GHOST } },
      },
    ],
  },
  'orders.$number.$token.tsx': {
    cases: (w): Case[] => [
      {
        label: 'proof of transfer on the guest order page',
        path: `/orders/${w.orderB.number}/${w.orderB.token}`,
        body: { intent: 'proof', paymentId: w.orderB.bangli },
        files: { proof: w.proofImage },
        swaps: { paymentId: { "a payment of another buyer's order": w.orderA.bangli, 'an unknown payment': GHOST } },
      },
    ],
  },
  'admin.partners.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kanwil Jawa Tengah verifies a partner serving Jawa Tengah',
        as: 'kanwil.jateng@mitralipas.demo',
        path: '/admin/partners',
        body: { partnerId: w.pendingJateng, decision: 'verify' },
        swaps: { partnerId: { 'a pending partner serving only NTB': w.pendingLombok, 'an unknown partner': GHOST } },
      },
    ],
  },
  // The page is the URL (a fixed list of six), national admins only; the body is text in both
  // languages and the version it started from. "Id" here is the language, Bahasa Indonesia.
  'admin.pages.$slug.tsx': {
    ignored: {
      titleId: 'the title in Bahasa Indonesia, not an id',
      bodyId: 'the Markdown text in Bahasa Indonesia, not an id',
    },
  },
  'admin.settings.tsx': { none: 'security levels and UPT types are enums, national admins only' },
  'admin.shop-limits.tsx': {
    none: 'numbers only (orders per IP and per address, units per guest order); national admins and national finance',
  },
  'admin.targets.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kanwil Jawa Tengah sets a target for one of its UPTs',
        as: 'kanwil.jateng@mitralipas.demo',
        path: '/admin/targets',
        body: { intent: 'target', year: '2027', scopeType: 'upt', scopeId: w.kendal, trained: '120', certified: '60' },
        swaps: { scopeId: { 'Lapas Kediri (Kanwil Jawa Timur)': w.kediri, 'an unknown UPT': GHOST } },
      },
      {
        label: 'Kanwil Jawa Tengah sets its own Kanwil target',
        as: 'kanwil.jateng@mitralipas.demo',
        path: '/admin/targets',
        body: {
          intent: 'target',
          year: '2027',
          scopeType: 'kanwil',
          scopeId: 'kanwil-33',
          trained: '900',
          certified: '400',
        },
        swaps: { scopeId: { 'Kanwil Jawa Timur': 'kanwil-35', 'an unknown Kanwil': GHOST } },
      },
    ],
  },
  'admin.upts.$uptId.tsx': {
    none: 'the UPT is the URL (access matrix); the body is its name, class and security level',
  },
  'admin.users.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kanwil Jawa Tengah revokes the grant of staff at Lapas Kendal',
        as: 'kanwil.jateng@mitralipas.demo',
        path: '/admin/users',
        body: { intent: 'revoke', assignmentId: w.kendalStaffGrant },
        swaps: {
          assignmentId: {
            'staff of Lapas Kediri (Jawa Timur)': w.kediriStaffGrant,
            'national finance': w.nationalFinanceGrant,
            'an unknown grant': GHOST,
          },
        },
      },
      {
        label: 'Kanwil Jawa Tengah invites staff to Lapas Kendal',
        as: 'kanwil.jateng@mitralipas.demo',
        path: '/admin/users',
        body: { intent: 'invite', email: 'staf.baru.kendal@contoh.id', role: 'upt_staff', uptId: w.kendal },
        swaps: { uptId: { 'Lapas Kediri (Jawa Timur)': w.kediri, 'an unknown UPT': GHOST } },
      },
    ],
  },
  'agreements.$agreementId.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff record an outcome on their agreement',
        as: 'staf.kediri@mitralipas.demo',
        path: `/agreements/${w.kediriAgreement}`,
        body: { intent: 'outcome', metric: 'units_absorbed', count: '5', occurredOn: w.today },
        swaps: {},
        // The outcome's program is the agreement's, whatever the body says.
        inert: { programId: { 'a program of Lapas Bangli': w.bangliProgram } },
      },
      {
        label: 'Tenun Nusantara records a publication under its publication agreement',
        as: 'mitra@mitralipas.demo',
        path: `/agreements/${w.tenunPublicationAgreement}`,
        body: { intent: 'publication', outlet: 'Lombok Post', medium: 'print', publishedOn: w.today, reach: '4000' },
        swaps: {},
        // The record's agreement, program and UPT are the URL's, whatever the body says.
        inert: {
          programId: { 'a program of Lapas Bangli': w.bangliProgram },
          agreementId: { 'an agreement of Lapas Bangli': w.bangliAgreement },
        },
      },
    ],
  },
  'agreements.$agreementId_.offtake.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Tenun Nusantara orders woven cloth under its absorption agreement with Kediri',
        as: 'mitra@mitralipas.demo',
        path: `/agreements/${w.kediriAgreement}/offtake`,
        body: { productId: w.kainTenun, qty: '1' },
        swaps: {
          productId: {
            'a product of Lapas Bangli': w.bangliProduct,
            'chocolate buns of Lapas Kediri (not what the agreement names)': w.rotiKediri,
            'an unknown product': GHOST,
          },
        },
      },
    ],
  },
  'cart.tsx': {
    cases: (w): Case[] => [
      {
        label: 'the buyer changes a quantity in their cart',
        as: 'pembeli@mitralipas.demo',
        path: '/cart',
        body: { intent: 'update', productId: w.cartProduct, qty: '2' },
        swaps: {
          productId: { "a product only in another visitor's cart": w.otherCartProduct, 'an unknown product': GHOST },
        },
      },
      {
        label: 'the buyer removes a product from their cart',
        as: 'pembeli@mitralipas.demo',
        path: '/cart',
        body: { intent: 'remove', productId: w.cartProduct },
        swaps: {
          productId: { "a product only in another visitor's cart": w.otherCartProduct, 'an unknown product': GHOST },
        },
      },
    ],
  },
  'checkout.tsx': {
    cases: (w): Case[] => [
      // Before the order below empties the cart.
      {
        label: 'a guest asks for the shipping to Jawa Timur before ordering ("Hitung ongkir")',
        cookie: w.guestCartCookie,
        path: '/checkout',
        body: { intent: 'quote', delivery: 'ship', provinceId: '35' },
        swaps: { provinceId: { 'an unknown province': '99' } },
        controlWrites: false,
      },
      {
        label: 'a guest checks out a cart shipped to Jawa Timur',
        cookie: w.guestCartCookie,
        path: '/checkout',
        body: {
          name: 'Tamu Matriks',
          email: 'tamu.matriks@contoh.id',
          phone: '081234567890',
          delivery: 'ship',
          address: 'Jl. Uji 1',
          city: 'Kediri',
          provinceId: '35',
          postalCode: '64121',
        },
        swaps: { provinceId: { 'an unknown province': '99' } },
      },
    ],
  },
  'dev.midtrans-snap.$token.tsx': {
    none: 'the simulated Snap page: the transaction is the URL, the body only pay/cancel and a channel',
  },
  'dev.stripe-checkout.$sessionId.tsx': {
    none: 'the simulated hosted page: the session is the URL, the body only pay/cancel',
  },
  'finance.payouts.tsx': {
    none: "sync/retry intents, and the Midtrans settlement upload (intent midtrans): its order ids are inside the uploaded report, national finance only (a UPT's finance gets 403), each id resolved against every paid Midtrans payment and named when unknown, unpaid or settled (tests/integration/midtrans-settlements.test.ts)",
  },
  'finance.rules.tsx': {
    cases: (w): Case[] => [
      {
        label: "Bangli's finance sets a split rule for a Bangli program",
        as: 'keuangan.bangli@mitralipas.demo',
        path: '/finance/rules',
        body: {
          scope: 'program',
          uptId: w.bangli,
          programId: w.bangliProgram,
          base: 'sales',
          pnbp: '50',
          premi: '35',
          production: '15',
          effectiveFrom: '2030-01-01',
        },
        swaps: {
          programId: { 'a program of Lapas Kediri': w.kediriProgram, 'an unknown program': GHOST },
          uptId: { 'Lapas Kediri': w.kediri, 'an unknown UPT': GHOST },
        },
      },
      {
        label: "Bangli's finance sets a split rule for a Bangli agreement",
        as: 'keuangan.bangli@mitralipas.demo',
        path: '/finance/rules',
        body: {
          scope: 'agreement',
          uptId: w.bangli,
          agreementId: w.bangliAgreement,
          base: 'sales',
          pnbp: '50',
          premi: '35',
          production: '15',
          effectiveFrom: '2030-01-01',
        },
        swaps: { agreementId: { "Kediri's absorption agreement": w.kediriAgreement, 'an unknown agreement': GHOST } },
      },
      {
        label: "Bangli's finance writes a new version of Bangli's rule",
        as: 'keuangan.bangli@mitralipas.demo',
        path: '/finance/rules',
        body: {
          ruleKey: w.bangliRuleKey,
          scope: 'upt',
          uptId: w.bangli,
          base: 'sales',
          pnbp: '50',
          premi: '35',
          production: '15',
          effectiveFrom: '2030-01-01',
        },
        swaps: {
          ruleKey: {
            'a rule of Lapas Kediri': w.kediriRuleKey,
            'the national default': w.nationalRuleKey,
            'an unknown rule': GHOST,
          },
        },
      },
    ],
  },
  'finance.providers.tsx': { none: 'which payment providers are enabled (two checkboxes); national finance only' },
  'finance.settings.tsx': { none: 'deposit rule, holidays and defaults; national finance only' },
  'finance.targets.tsx': {
    cases: (w): Case[] => [
      {
        label: "national finance sets Kediri's yearly PNBP target (every UPT is in its scope)",
        as: 'keuangan@mitralipas.demo',
        path: '/finance/targets',
        body: { uptId: w.kediri, year: '2027', amount: '15000000' },
        swaps: { uptId: { 'an unknown UPT': GHOST } },
      },
    ],
  },
  'finance.upt.$uptId._index.tsx': {
    cases: (w): Case[] => [
      {
        label: "Kediri's finance records the deposit of a Kediri billing",
        as: 'keuangan.kediri@mitralipas.demo',
        path: `/finance/upt/${w.kediri}`,
        body: {
          intent: 'pay',
          billingId: w.kediriBilling,
          ntpn: w.ntpn,
          ntb: 'NTB0001',
          paidDate: w.today,
          channel: 'Teller BRI',
        },
        swaps: { billingId: { 'a billing of Lapas Bangli': w.bangliBilling, 'an unknown billing': GHOST } },
      },
    ],
  },
  'finance.upt.$uptId.payments._index.tsx': {
    cases: (w): Case[] => [
      {
        label: "Kediri's finance confirms a transfer to Kediri",
        as: 'keuangan.kediri@mitralipas.demo',
        path: `/finance/upt/${w.kediri}/payments`,
        body: { intent: 'confirm', paymentId: w.orderC.kediri },
        swaps: { paymentId: { 'a transfer to Lapas Bangli': w.orderC.bangli, 'an unknown payment': GHOST } },
      },
      {
        label: "Kediri's finance rejects a transfer to Kediri",
        as: 'keuangan.kediri@mitralipas.demo',
        path: `/finance/upt/${w.kediri}/payments`,
        body: { intent: 'reject', paymentId: w.orderD.kediri, reason: 'Dana tidak masuk ke rekening' },
        swaps: { paymentId: { 'a transfer to Lapas Bangli': w.orderC.bangli, 'an unknown payment': GHOST } },
      },
    ],
  },
  'finance.upt.$uptId.payments.refund.$subOrderId.tsx': {
    none: 'the sub-order is the URL (access matrix); the body is amount, reason, restock',
  },
  'finance.upt.$uptId.statements.tsx': {
    cases: (w): Case[] => [
      {
        label: "Kediri's finance matches a Kediri statement line to a Kediri transfer",
        as: 'keuangan.kediri@mitralipas.demo',
        path: `/finance/upt/${w.kediri}/statements`,
        body: {
          intent: 'match',
          lineId: w.statements.kediriOpenLine,
          references: [w.statements.kediriOpenRef],
          comment: 'cocok manual',
        },
        swaps: {
          lineId: { 'a statement line of Lapas Bangli': w.statements.bangliOpenLine, 'an unknown line': GHOST },
          references: {
            'a transfer booked at Lapas Bangli': [w.statements.bangliOpenRef],
            'an unknown reference': ['transfer:tidak-ada'],
          },
        },
      },
      {
        label: "Kediri's finance undoes a Kediri match",
        as: 'keuangan.kediri@mitralipas.demo',
        path: `/finance/upt/${w.kediri}/statements`,
        body: { intent: 'unmatch', lineId: w.statements.kediriMatchedLine, comment: 'salah cocok' },
        swaps: {
          lineId: { 'a matched line of Lapas Bangli': w.statements.bangliMatchedLine, 'an unknown line': GHOST },
        },
      },
    ],
  },
  'forgot-password.tsx': { ignored: ACCOUNT_FORM_IGNORED },
  'invite.$token.tsx': { ignored: ACCOUNT_FORM_IGNORED },
  'login.tsx': { ignored: ACCOUNT_FORM_IGNORED },
  'login_.totp.tsx': { ignored: ACCOUNT_FORM_IGNORED },
  'reset-password.$token.tsx': { ignored: ACCOUNT_FORM_IGNORED },
  'logout.tsx': { none: 'no body' },
  'partner.impact.tsx': { none: 'a public/private switch for the signed-in partner' },
  'partner.members.tsx': {
    cases: (w): Case[] => [
      {
        label: 'the owner of Tenun Nusantara removes one of its members',
        as: 'mitra@mitralipas.demo',
        path: '/partner/members',
        body: { intent: 'remove', assignmentId: w.tenunMemberGrant, confirm: 'on' },
        swaps: {
          assignmentId: {
            'a member of another partner': w.otherPartnerMemberGrant,
            'staff of Lapas Kediri': w.kediriStaffGrant,
            'an unknown grant': GHOST,
          },
        },
      },
    ],
  },
  'partner.offers.new.tsx': {
    cases: (): Case[] => [
      {
        label: 'the partner drafts a training offer',
        as: 'mitra@mitralipas.demo',
        path: '/partner/offers/new',
        body: { intent: 'draft', ...trainingOffer() },
        swaps: { sectorIds: { 'an unknown sector': ['tidak-ada'] }, provinceIds: { 'an unknown province': ['99'] } },
      },
    ],
  },
  'partner.offers.$offerId.tsx': {
    cases: (w): Case[] => [
      {
        label: 'the partner edits its draft offer',
        as: 'mitra@mitralipas.demo',
        path: `/partner/offers/${w.tenunDraftOffer}`,
        body: { intent: 'save', ...trainingOffer() },
        swaps: { sectorIds: { 'an unknown sector': ['tidak-ada'] }, provinceIds: { 'an unknown province': ['99'] } },
      },
    ],
  },
  'partner.profile.tsx': {
    cases: (w): Case[] => [
      {
        label: 'the owner saves the organisation profile',
        as: 'mitra@mitralipas.demo',
        path: '/partner/profile',
        body: w.tenunProfile,
        swaps: {
          provinceIds: { 'an unknown province': ['35', '99'] },
          sectorIds: { 'an unknown sector': ['tenun', 'tidak-ada'] },
        },
      },
    ],
  },
  'partner.suggestions.tsx': {
    cases: (w): Case[] => [
      {
        label: 'the partner proposes its training offer for a Kediri need',
        as: 'mitra@mitralipas.demo',
        path: '/partner/suggestions',
        body: {
          intent: 'propose',
          offerId: w.tenunTraining,
          needId: w.kediriNeedForPartner,
          quantity: '1',
          message: 'Kami siap melatih.',
        },
        swaps: {
          offerId: { 'an open offer of another partner': w.otherPartnerOffer, 'an unknown offer': GHOST },
          needId: { 'an unknown need': GHOST },
        },
      },
    ],
  },
  'products.$slug.tsx': { none: 'the product is the URL; the body is a quantity' },
  'proposals.$proposalId.tsx': {
    none: 'the proposal is the URL (either party or its Kanwil); the body is terms, dates, a reason',
  },
  'set-language.ts': { none: 'a language and a same-origin path' },
  'signup.tsx': {
    cases: (): Case[] => [
      {
        label: 'a new partner signs up with the provinces and sectors it serves',
        path: '/signup',
        body: {
          kind: 'partner',
          name: 'Rina Matriks',
          email: 'rina.matriks@contoh.id',
          password: 'Sandi-Uji-Matriks-2026',
          orgName: 'Koperasi Matriks',
          orgType: 'cooperative',
          provinceIds: ['35'],
          sectorIds: ['tenun'],
          acceptTerms: 'on',
        },
        swaps: {
          provinceIds: { 'an unknown province': ['35', '99'] },
          sectorIds: { 'an unknown sector': ['tenun', 'tidak-ada'] },
        },
      },
    ],
  },
  'upt.$uptId.orders.$subOrderId._index.tsx': {
    none: 'the sub-order is the URL (access matrix); the body is a fulfilment event',
  },
  'upt.$uptId.stories.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff write a story about their agreement and products, with a photo',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/stories`,
        body: {
          ...storyBody(),
          agreementId: w.kediriAgreement,
          productIds: [w.kediriPublishedProduct],
          photoAlt0: 'Alat tenun di bengkel',
        },
        files: { photo0: { ...w.proofImage, name: 'foto.png' } },
        swaps: {
          agreementId: { 'an agreement of Lapas Bangli': w.bangliAgreement, 'an unknown agreement': GHOST },
          productIds: { 'a product of Lapas Bangli': [w.dupa], 'an unknown product': [GHOST] },
          storyId: {
            "a story of Tenun Nusantara (a partner's, not the UPT's)": w.partnerStory,
            'a story of Lapas Bangli': w.bangliStory,
            'an unknown story': GHOST,
          },
        },
      },
      {
        label: 'Kediri staff write a story about one of their programs',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/stories`,
        body: { ...storyBody(), programId: w.kediriProgram },
        swaps: { programId: { 'a program of Lapas Bangli': w.bangliProgram, 'an unknown program': GHOST } },
      },
    ],
  },
  'partner.stories.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Tenun Nusantara writes a story about its publication agreement',
        as: 'mitra@mitralipas.demo',
        path: '/partner/stories',
        body: { ...storyBody(), agreementId: w.tenunPublicationAgreement },
        swaps: {
          agreementId: { 'an agreement of another partner': w.bangliAgreement, 'an unknown agreement': GHOST },
          programId: { 'a program of Lapas Bangli': w.bangliProgram, 'an unknown program': GHOST },
          productIds: { 'a product of a UPT outside the agreement': [w.dupa], 'an unknown product': [GHOST] },
          storyId: { 'a story of Lapas Kediri staff': w.kediriStory, 'an unknown story': GHOST },
        },
      },
    ],
  },
  'admin.stories.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kanwil Jawa Tengah approves a story of Lapas Kendal',
        as: 'kanwil.jateng@mitralipas.demo',
        path: '/admin/stories',
        body: { intent: 'approve', storyId: w.kendalStory },
        swaps: {
          storyId: { 'a pending story of Lapas Kediri (Jawa Timur)': w.kediriStory, 'an unknown story': GHOST },
        },
      },
      {
        label: 'Kanwil Jawa Tengah sends a story of Lapas Kendal back',
        as: 'kanwil.jateng@mitralipas.demo',
        path: '/admin/stories',
        body: { intent: 'return', storyId: w.kendalStory2, reason: 'Mohon ganti foto yang memperlihatkan wajah.' },
        swaps: {
          storyId: { 'a pending story of Lapas Kediri (Jawa Timur)': w.kediriStory, 'an unknown story': GHOST },
        },
      },
    ],
  },
  'account.orders.$number_.review.$lineId.tsx': {
    none: "the order and its line are the URL (resolved among the signed-in buyer's own orders); the body is stars, text and a name choice",
  },
  'orders.$number.$token_.review.$lineId.tsx': {
    none: "the order and its line are the URL (resolved behind the order's secret link); the body is stars, text and a name choice",
  },
  'upt.$uptId.reviews.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Bangli staff reply to a review of a Bangli product',
        as: 'staf.bangli@mitralipas.demo',
        path: `/upt/${w.bangli}/reviews`,
        body: { intent: 'reply', reviewId: w.bangliReviews[0]!, reply: 'Terima kasih atas ulasannya.' },
        swaps: { reviewId: { 'a review of a Lapas Wirogunan product': w.wirogunanReview, 'an unknown review': GHOST } },
      },
      {
        label: 'Bangli staff hide a review of a Bangli product with a reason',
        as: 'staf.bangli@mitralipas.demo',
        path: `/upt/${w.bangli}/reviews`,
        body: { intent: 'hide', reviewId: w.bangliReviews[1]!, reason: 'Uji matriks: alasan menyembunyikan' },
        swaps: { reviewId: { 'a review of a Lapas Wirogunan product': w.wirogunanReview, 'an unknown review': GHOST } },
      },
    ],
  },
  'upt.$uptId.outcomes.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff record an outcome on a Kediri program',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/outcomes`,
        body: { intent: 'outcome', programId: w.kediriProgram, metric: 'trained', count: '3', occurredOn: w.today },
        swaps: { programId: { 'a program of Lapas Bangli': w.bangliProgram, 'an unknown program': GHOST } },
      },
    ],
  },
  'upt.$uptId.products.new.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff add a product of a Kediri program',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/products/new`,
        body: productBody(w.kediriProgram),
        swaps: {
          programId: { 'a program of Lapas Bangli': w.bangliProgram, 'an unknown program': GHOST },
          sectorId: { 'an unknown sector': 'tidak-ada' },
        },
      },
    ],
  },
  'upt.$uptId.products.$productId.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff edit a Kediri product',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/products/${w.kediriProduct}`,
        body: { intent: 'save', ...productBody(w.kediriProgram) },
        swaps: {
          programId: { 'a program of Lapas Bangli': w.bangliProgram, 'an unknown program': GHOST },
          sectorId: { 'an unknown sector': 'tidak-ada' },
        },
      },
      {
        label: "Kediri staff remove one of the product's photos",
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/products/${w.kediriProduct}`,
        body: { intent: 'remove-image', imageId: w.kediriImage },
        swaps: { imageId: { 'a photo of a Bangli product': w.bangliImage, 'an unknown photo': GHOST } },
      },
    ],
  },
  'upt.$uptId.programs.new.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff start a program',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/programs/new`,
        body: programBody(),
        swaps: { sectorId: { 'an unknown sector': 'tidak-ada' } },
      },
    ],
  },
  'upt.$uptId.programs.$programId.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff remove a need of their program',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/programs/${w.kediriWorkProgram}`,
        body: { intent: 'removeNeed', needId: w.kediriNeedToRemove },
        swaps: { needId: { 'a need of a Bangli program': w.bangliNeed, 'an unknown need': GHOST } },
      },
      {
        label: 'Kediri staff edit their program',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/programs/${w.kediriWorkProgram}`,
        body: { intent: 'save', ...programBody() },
        swaps: { sectorId: { 'an unknown sector': 'tidak-ada' } },
      },
    ],
  },
  'upt.$uptId.shipping.tsx': { none: 'three fees and the pickup outlet (texts) of the UPT in the URL' },
  'upt.$uptId.suggestions.tsx': {
    cases: (w): Case[] => [
      {
        label: 'Kediri staff propose an open offer for a Kediri need',
        as: 'staf.kediri@mitralipas.demo',
        path: `/upt/${w.kediri}/suggestions`,
        body: {
          intent: 'propose',
          offerId: w.tenunTraining,
          needId: w.kediriNeedForUpt,
          quantity: '1',
          message: 'Kami membutuhkan pelatihan.',
        },
        swaps: {
          needId: { 'a need of a Bangli program': w.bangliNeed, 'an unknown need': GHOST },
          offerId: { "a partner's unpublished draft": w.otherPartnerDraft, 'an unknown offer': GHOST },
        },
      },
    ],
  },
  'webhooks.midtrans.ts': { none: 'a signed provider notification, not a form (tests/http webhook matrix)' },
  'webhooks.stripe.ts': { none: 'a signed provider event, not a form (tests/http webhook matrix)' },
}

function trainingOffer(): Body {
  return {
    kind: 'training',
    title: 'Pelatihan pewarnaan alami',
    description: 'Pelatihan pewarnaan benang dengan bahan alam.',
    sectorIds: ['tenun'],
    provinceIds: ['35'],
    securityLevels: ['medium', 'minimum'],
    validFrom: '2027-01-01',
    validUntil: '2027-06-30',
    seats: '12',
    hours: '24',
  }
}
function productBody(programId: string): Body {
  return {
    name: 'Selendang tenun ikat',
    description: 'Selendang tenun ikat ATBM dari program tenun.',
    sectorId: 'tenun',
    programId,
    price: '250000',
    stockMode: 'stock',
    stock: '3',
    unit: 'lembar',
    weightGrams: '200',
    status: 'draft',
  }
}
function storyBody(): Body {
  return {
    intent: 'story',
    title: 'Cerita matriks tulis',
    summary: 'Ringkasan cerita untuk pengujian matriks tulis.',
    body: 'Isi cerita untuk pengujian matriks tulis: tidak ada warga binaan yang dapat dikenali dari cerita ini sama sekali.',
    confirmNoIdentification: 'on',
  }
}
function programBody(): Body {
  return {
    title: 'Anyaman pandan',
    sectorId: 'crafts',
    description: 'Program anyaman pandan untuk pengujian matriks.',
    participants: '12',
    status: 'draft',
  }
}

async function one<T>(q: Promise<T | undefined>, what: string): Promise<T> {
  const row = await q
  if (!row) throw new Error(`write matrix setup: no ${what}`)
  return row
}

/** Records of each scope, made through the domain where one exists, on the server's own database. */
async function buildWorld() {
  const db = serverDb()
  const today = todayIn()
  const uptId = async (slug: string) =>
    (await one(db.selectFrom('upts').select('id').where('slug', '=', slug).executeTakeFirst(), slug)).id
  const userId = async (email: string) =>
    (await one(db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(), email)).id
  const partnerId = async (slug: string) =>
    (await one(db.selectFrom('partners').select('id').where('slug', '=', slug).executeTakeFirst(), slug)).id
  const grantOf = async (id: string) =>
    (
      await one(
        db
          .selectFrom('role_assignments')
          .select('id')
          .where('user_id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst(),
        `grant of ${id}`,
      )
    ).id
  const productId = async (name: string) =>
    (await one(db.selectFrom('products').select('id').where('name', '=', name).executeTakeFirst(), name)).id
  const programOf = async (upt: string, title: string) =>
    (
      await one(
        db.selectFrom('programs').select('id').where('upt_id', '=', upt).where('title', '=', title).executeTakeFirst(),
        title,
      )
    ).id

  const kediri = await uptId('lapas-kelas-iia-kediri')
  const bangli = await uptId('lapas-narkotika-kelas-iia-bangli')
  const kendal = await uptId('lapas-kelas-iia-kendal')
  const tenun = await partnerId('tenun-nusantara')
  const kediriProgram = await programOf(kediri, 'Tenun ikat Kediri')
  const bangliProgram = await programOf(bangli, 'Roti dan kue Bangli')
  const kediriAgreement = (
    await one(
      db
        .selectFrom('agreements')
        .select('id')
        .where('upt_id', '=', kediri)
        .where('kind', '=', 'absorption')
        .where('status', '=', 'active')
        .executeTakeFirst(),
      'Kediri absorption agreement',
    )
  ).id
  const staffKediri = await userId('staf.kediri@mitralipas.demo')
  const tenunPublicationAgreement = (
    await one(
      db
        .selectFrom('agreements')
        .select('id')
        .where('partner_id', '=', tenun)
        .where('kind', '=', 'publication')
        .where('status', '=', 'active')
        .executeTakeFirst(),
      'Tenun publication agreement',
    )
  ).id
  const now = nowIso()

  // Needs: one of Bangli's, one to remove and two to propose for at Kediri.
  const bangliNeed = (
    await one(
      db
        .selectFrom('program_needs')
        .select('id')
        .where('program_id', '=', bangliProgram)
        .where('quantity_covered', '=', 0)
        .executeTakeFirst(),
      'Bangli need',
    )
  ).id
  const need = async (programId: string, kind: 'training' | 'capital') => {
    const id = newId()
    await db
      .insertInto('program_needs')
      .values({
        id,
        program_id: programId,
        kind,
        quantity: 5,
        unit: kind === 'training' ? 'seats' : 'rupiah',
        needed_by: null,
        note: 'matriks',
        created_at: now,
      })
      .execute()
    return id
  }
  const kediriNeedForUpt = await need(kediriProgram, 'training')
  const kediriNeedForPartner = await need(kediriProgram, 'training')
  const kediriWorkProgram = newId()
  await db
    .insertInto('programs')
    .values({
      id: kediriWorkProgram,
      slug: `program-matriks-${kediriWorkProgram.slice(-8)}`,
      upt_id: kediri,
      sector_id: 'tenun',
      title: 'Program matriks',
      description: 'Program untuk pengujian matriks tulis.',
      participants: 8,
      eligibility_rule: null,
      schedule: null,
      status: 'draft',
      created_by: staffKediri,
      created_at: now,
      updated_at: now,
    })
    .execute()
  const kediriNeedToRemove = await need(kediriWorkProgram, 'capital')

  // An agreement of Bangli (as the seed writes them), for Bangli's own split rule.
  const someOffer = await one(
    db
      .selectFrom('offers')
      .select(['id', 'partner_id', 'kind', 'unit'])
      .where('partner_id', '!=', tenun)
      .where('kind', '=', 'training')
      .executeTakeFirst(),
    'an offer of another partner',
  )
  const bangliAgreement = newId()
  const proposalId = newId()
  const staffBangli = await userId('staf.bangli@mitralipas.demo')
  await db
    .insertInto('proposals')
    .values({
      id: proposalId,
      offer_id: someOffer.id,
      need_id: bangliNeed,
      partner_id: someOffer.partner_id,
      upt_id: bangli,
      quantity: 1,
      message: null,
      proposed_by_side: 'upt',
      proposed_by: staffBangli,
      status: 'accepted',
      expires_on: today,
      decline_reason: null,
      decided_by: staffBangli,
      decided_at: now,
      agreement_id: bangliAgreement,
      created_at: now,
    })
    .execute()
  await db
    .insertInto('agreements')
    .values({
      id: bangliAgreement,
      number: `KS-2026-9${bangliAgreement.slice(-5)}`,
      proposal_id: proposalId,
      offer_id: someOffer.id,
      need_id: bangliNeed,
      program_id: bangliProgram,
      partner_id: someOffer.partner_id,
      upt_id: bangli,
      kind: someOffer.kind,
      quantity: 1,
      unit: someOffer.unit,
      terms: 'Pelatihan matriks',
      start_date: today,
      end_date: today,
      pks_number: null,
      pks_document_url: null,
      status: 'active',
      cancel_reason: null,
      created_by: staffBangli,
      created_at: now,
      updated_at: now,
      closed_at: null,
    })
    .execute()

  // Split rules: Bangli's (seeded), the national default, and one of Kediri's.
  const ruleKey = async (scope: 'upt' | 'national', upt: string | null) =>
    (
      await one(
        db
          .selectFrom('split_rules')
          .select('rule_key')
          .where('scope', '=', scope)
          .where('upt_id', upt === null ? 'is' : '=', upt)
          .executeTakeFirst(),
        `${scope} rule`,
      )
    ).rule_key
  const kediriRule = await db.transaction().execute((trx) =>
    saveSplitRule(trx, {
      scope: 'upt',
      uptId: kediri,
      programId: null,
      agreementId: null,
      base: 'sales',
      shares: { pnbp: 1500, premi: 5000, production: 3500, partner: 0, operations: 0 },
      effectiveFrom: '2030-01-01',
      actorUserId: null,
    }),
  )

  // Billings, one per UPT.
  const billing = async (upt: string) =>
    (
      await db.transaction().execute((trx) =>
        createBilling(trx, {
          uptId: upt,
          kodeBilling: `82026${String(crypto.randomInt(0, 1e10)).padStart(10, '0')}`,
          billingDate: today,
          amount: 125_000,
          period: today.slice(0, 7),
          actorUserId: null,
        }),
      )
    ).id

  // Orders with a transfer to each UPT: A for the demo buyer's account, B, C, D as guests.
  const batik = await productId('Batik Cap Kawung')
  const dupa = await productId('Dupa Wangi Cendana')
  const pembeli = await userId('pembeli@mitralipas.demo')
  const order = async (userIdOrNull: string | null, items: string[]) => {
    const { cartId } = await ensureCart(db, {})
    for (const p of items) await addToCart(db, cartId, p, 1)
    const placed = await placeOrder(db, {
      cartId,
      userId: userIdOrNull,
      buyerName: 'Pembeli Matriks',
      buyerEmail: 'pembeli.matriks@contoh.id',
      buyerPhone: '081234567890',
      delivery: 'pickup',
    })
    await startBankTransfer(db, { orderId: placed.orderId })
    const pays = await db
      .selectFrom('payments')
      .select(['id', 'upt_id'])
      .where('order_id', '=', placed.orderId)
      .execute()
    return {
      number: placed.orderNumber,
      token: placed.token,
      kediri: pays.find((p) => p.upt_id === kediri)?.id ?? '',
      bangli: pays.find((p) => p.upt_id === bangli)?.id ?? '',
    }
  }
  const orderA = await order(pembeli, [batik, dupa])
  const orderB = await order(null, [batik, dupa])
  const orderC = await order(null, [batik, dupa])
  const orderD = await order(null, [batik])

  // Carts: the buyer's, another visitor's, and a guest's ready to check out.
  const cartProduct = await productId('Batik Tulis Motif Kediri')
  const otherCartProduct = await productId('Kopi Arabika Kintamani')
  const mine = await ensureCart(db, { userId: pembeli })
  await addToCart(db, mine.cartId, cartProduct, 1)
  const other = await ensureCart(db, {})
  await addToCart(db, other.cartId, otherCartProduct, 1)
  const guest = await ensureCart(db, {})
  await addToCart(db, guest.cartId, dupa, 1)

  // Grants: staff at Kendal (Jawa Tengah) and Kediri, members of Tenun and of another partner.
  const kendalStaff = await createUser(db, { role: 'upt_staff', uptId: kendal })
  const tenunMember = await createUser(db, { role: 'partner_member', partnerId: tenun, partnerRole: 'member' })
  const otherPartner = await partnerId('plastik-karya-mandiri')
  const otherMember = await createUser(db, { role: 'partner_member', partnerId: otherPartner, partnerRole: 'member' })

  // Partners waiting for review: one serving Jawa Tengah, the seeded one serving NTB.
  const pending = await createPartner(db, { status: 'pending' })
  await db.insertInto('partner_provinces').values({ partner_id: pending.id, province_id: '33' }).execute()
  await addLegalDocumentRows(db, pending.id)
  // Legal documents (ADR 033): rows of Tenun's and another partner's, for the replace action.
  await addLegalDocumentRows(db, tenun, await userId('mitra@mitralipas.demo'))
  await addLegalDocumentRows(db, otherPartner, otherMember.id)
  const legalDocument = async (partner: string) =>
    (
      await db
        .selectFrom('partner_documents')
        .select('id')
        .where('partner_id', '=', partner)
        .where('kind', '=', 'akta')
        .executeTakeFirstOrThrow()
    ).id
  const tenunDocument = await legalDocument(tenun)
  const otherPartnerDocument = await legalDocument(otherPartner)

  // Offers: Tenun's open training offer, a draft of Tenun's, an open offer and a draft of another partner.
  const tenunTraining = (
    await one(
      db
        .selectFrom('offers')
        .select('id')
        .where('partner_id', '=', tenun)
        .where('kind', '=', 'training')
        .where('status', '=', 'open')
        .executeTakeFirst(),
      'Tenun training offer',
    )
  ).id
  const tenunDraftOffer = (
    await createOffer(db, tenun, { status: 'draft', sectors: ['tenun'], provinces: ['35'], levels: ['medium'] })
  ).id
  const otherPartnerOffer = (
    await one(
      db
        .selectFrom('offers')
        .select('id')
        .where('partner_id', '=', otherPartner)
        .where('status', '=', 'open')
        .executeTakeFirst(),
      'open offer of another partner',
    )
  ).id
  const otherPartnerDraft = (
    await createOffer(db, otherPartner, { status: 'draft', sectors: ['tenun'], provinces: ['35'] })
  ).id
  const tenunRow = await one(db.selectFrom('partners').selectAll().where('id', '=', tenun).executeTakeFirst(), 'Tenun')
  const coverage = await db
    .selectFrom('partner_provinces')
    .select('province_id')
    .where('partner_id', '=', tenun)
    .execute()
  const sectors = await db.selectFrom('partner_sectors').select('sector_id').where('partner_id', '=', tenun).execute()
  const tenunProfile: Body = {
    name: tenunRow.name,
    orgType: tenunRow.org_type,
    ...(tenunRow.description ? { description: tenunRow.description } : {}),
    ...(tenunRow.nib ? { nib: tenunRow.nib } : {}),
    provinceIds: coverage.map((c) => c.province_id),
    sectorIds: sectors.map((s) => s.sector_id),
  }

  // A product of Kediri with a photo row, and a photo of a Bangli product.
  const kediriProduct = newId()
  await db
    .insertInto('products')
    .values({
      id: kediriProduct,
      upt_id: kediri,
      program_id: null,
      sector_id: 'tenun',
      slug: `produk-matriks-${kediriProduct.slice(-8)}`,
      name: 'Produk matriks',
      description: 'Produk untuk pengujian matriks tulis.',
      story: null,
      price: 100_000,
      stock_mode: 'stock',
      stock: 2,
      lead_time_days: null,
      unit: 'lembar',
      weight_grams: 100,
      status: 'draft',
      created_at: now,
      updated_at: now,
    })
    .execute()
  const kediriImage = newId()
  await db
    .insertInto('product_images')
    .values({
      id: kediriImage,
      product_id: kediriProduct,
      file_name: `${kediriImage}.webp`,
      thumb_name: `${kediriImage}-thumb.webp`,
      mime: 'image/webp',
      width: 10,
      height: 10,
      bytes: 100,
      alt: 'Foto uji',
      sort: 0,
      created_at: now,
    })
    .execute()
  const bangliImage = (
    await one(
      db.selectFrom('product_images').select('id').where('product_id', '=', dupa).executeTakeFirst(),
      'photo of a Bangli product',
    )
  ).id

  // Stories: the seeded pending one of Kediri, a published one of Bangli and of the partner, two pending at Kendal (Jawa Tengah).
  const kediriStory = (
    await one(
      db
        .selectFrom('stories')
        .select('id')
        .where('upt_id', '=', kediri)
        .where('status', '=', 'pending')
        .executeTakeFirst(),
      'pending Kediri story',
    )
  ).id
  const bangliStory = (
    await one(db.selectFrom('stories').select('id').where('upt_id', '=', bangli).executeTakeFirst(), 'Bangli story')
  ).id
  const partnerStory = (
    await one(db.selectFrom('stories').select('id').where('partner_id', '=', tenun).executeTakeFirst(), 'partner story')
  ).id
  const kendalStoryOf = async (n: number) => {
    const id = newId()
    await db
      .insertInto('stories')
      .values({
        id,
        slug: `cerita-kendal-${n}-${id.slice(-6)}`,
        upt_id: kendal,
        partner_id: null,
        program_id: null,
        agreement_id: null,
        kind: null,
        title: `Cerita Kendal ${n}`,
        summary: 'Ringkasan cerita Lapas Kendal untuk pengujian.',
        body: 'Isi cerita Lapas Kendal.',
        title_en: null,
        summary_en: null,
        status: 'pending',
        no_identification_confirmed: 1,
        return_reason: null,
        author_id: kendalStaff.id,
        reviewed_by: null,
        reviewed_at: null,
        published_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    return id
  }
  const kendalStory = await kendalStoryOf(1)
  const kendalStory2 = await kendalStoryOf(2)
  const kediriPublishedProduct = await productId('Kain Tenun Ikat Troso')

  return {
    db,
    today,
    tenunPublicationAgreement,
    kediriStory,
    bangliStory,
    partnerStory,
    kendalStory,
    kendalStory2,
    kediriPublishedProduct,
    dupa,
    ntpn: crypto.randomBytes(8).toString('hex').toUpperCase(),
    kediri,
    bangli,
    kendal,
    kediriProgram,
    bangliProgram,
    kediriWorkProgram,
    kediriNeedToRemove,
    kediriNeedForUpt,
    kediriNeedForPartner,
    bangliNeed,
    kediriAgreement,
    bangliAgreement,
    bangliRuleKey: await ruleKey('upt', bangli),
    nationalRuleKey: await ruleKey('national', null),
    kediriRuleKey: kediriRule.rule_key,
    kediriBilling: await billing(kediri),
    bangliBilling: await billing(bangli),
    orderA,
    orderB,
    orderC,
    orderD,
    cartProduct,
    otherCartProduct,
    guestCartCookie: `ml_cart=${guest.newToken}`,
    kendalStaffGrant: await grantOf(kendalStaff.id),
    kediriStaffGrant: await grantOf(staffKediri),
    nationalFinanceGrant: await grantOf(await userId('keuangan@mitralipas.demo')),
    tenunMemberGrant: await grantOf(tenunMember.id),
    otherPartnerMemberGrant: await grantOf(otherMember.id),
    pendingJateng: pending.id,
    tenunDocument,
    otherPartnerDocument,
    legalPdf: {
      bytes: new Uint8Array(
        Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'),
      ),
      type: 'application/pdf',
      name: 'akta-baru.pdf',
    },
    pendingLombok: await partnerId('kerajinan-lombok-indah'),
    tenunTraining,
    tenunDraftOffer,
    otherPartnerOffer,
    otherPartnerDraft,
    tenunProfile,
    kainTenun: await productId('Kain Tenun Ikat Troso'),
    rotiKediri: await productId('Roti Manis Isi Cokelat'),
    bangliProduct: dupa,
    kediriProduct,
    kediriImage,
    bangliImage,
    proofImage: {
      bytes: new Uint8Array(
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a7' } })
          .png()
          .toBuffer(),
      ),
      type: 'image/png',
      name: 'bukti.png',
    },
    statements: await statementsWorld(db, { kediri, bangli, today }),
    bangliReviews: (
      await db.selectFrom('product_reviews').select('id').where('upt_id', '=', bangli).orderBy('id').execute()
    ).map((r) => r.id),
    wirogunanReview: (
      await one(
        db
          .selectFrom('product_reviews')
          .select('id')
          .where('upt_id', '=', await uptId('lapas-kelas-iia-wirogunan'))
          .executeTakeFirst(),
        'a Wirogunan review',
      )
    ).id,
  }
}

/**
 * Bank statements of Kediri and Bangli, imported through the page as finance would, each with one
 * open line (and a transfer of the same amount to match it to) and one line already matched.
 */
async function statementsWorld(db: DB, o: { kediri: string; bangli: string; today: string }) {
  const [y, m, d] = o.today.split('-')
  const out: Record<string, string> = {}
  for (const [name, upt, email] of [
    ['kediri', o.kediri, 'keuangan.kediri@mitralipas.demo'],
    ['bangli', o.bangli, 'keuangan.bangli@mitralipas.demo'],
  ] as const) {
    const tag = crypto.randomBytes(3).toString('hex')
    const refs = { open: `transfer:matriks-${name}-${tag}-1`, matched: `transfer:matriks-${name}-${tag}-2` }
    await postPaymentConfirmed(db, {
      reference: refs.open,
      uptId: upt,
      provider: 'bank_transfer',
      grossAmount: 123_457,
      paidAt: new Date().toISOString(),
      sourceType: 'order',
      sourceId: refs.open,
    })
    await postPaymentConfirmed(db, {
      reference: refs.matched,
      uptId: upt,
      provider: 'bank_transfer',
      grossAmount: 76_543,
      paidAt: new Date().toISOString(),
      sourceType: 'order',
      sourceId: refs.matched,
    })
    const csv = `Tanggal,Jumlah,Keterangan\n${d}/${m}/${y},"123.457",TRF MATRIKS ${tag} SATU\n${d}/${m}/${y},"76.543",TRF MATRIKS ${tag} DUA\n`
    const imported = await send(`/finance/upt/${upt}/statements`, {
      cookie: await sessionFor(email),
      form: {
        intent: 'import',
        bank: 'BRI',
        dateColumn: 'Tanggal',
        amountColumn: 'Jumlah',
        descriptionColumn: 'Keterangan',
        csv,
      },
    })
    if (imported.status !== 302)
      throw new Error(`write matrix setup: statement import for ${name} answered ${imported.status}`)
    const lines = await db
      .selectFrom('bank_statement_lines')
      .select(['id', 'amount'])
      .where('upt_id', '=', upt)
      .where('description', 'like', `%${tag}%`)
      .execute()
    const open = lines.find((l) => l.amount === 123_457)!.id
    const matched = lines.find((l) => l.amount === 76_543)!.id
    await db.transaction().execute((trx) =>
      matchManually(trx, {
        uptId: upt,
        lineId: matched,
        references: [refs.matched],
        comment: 'disiapkan',
        actorUserId: null,
      }),
    )
    out[`${name}OpenLine`] = open
    out[`${name}OpenRef`] = refs.open
    out[`${name}MatchedLine`] = matched
  }
  return out as Record<
    'kediriOpenLine' | 'kediriOpenRef' | 'kediriMatchedLine' | 'bangliOpenLine' | 'bangliOpenRef' | 'bangliMatchedLine',
    string
  >
}

/** Rows anywhere in the database that contain `value` (to prove an ignored id was not stored). */
async function rowsContaining(db: DB, value: string): Promise<number> {
  const tables = await sql<{
    name: string
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%'`.execute(
    db,
  )
  let n = 0
  for (const { name } of tables.rows) {
    if (name === 'audit_log') continue
    const rows = await sql`select * from ${sql.table(name)}`.execute(db)
    n += rows.rows.filter((r) => JSON.stringify(r).includes(value)).length
  }
  return n
}

const cookies = new Map<string, string>()
async function cookieFor(c: Case): Promise<string | undefined> {
  if (c.cookie) return c.cookie
  if (!c.as) return undefined
  if (!cookies.has(c.as)) cookies.set(c.as, await sessionFor(c.as))
  return cookies.get(c.as)
}

async function post(c: Case, body: Body) {
  const cookie = await cookieFor(c)
  if (!c.files) return send(c.path, { cookie, form: body })
  const fd = new FormData()
  for (const [k, v] of Object.entries(body)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item)
  for (const [k, f] of Object.entries(c.files)) fd.append(k, new Blob([f.bytes as BlobPart], { type: f.type }), f.name)
  return send(c.path, { cookie, body: fd })
}

const routeFiles = actionRouteFiles()

describe('write matrix: ids in bodies swapped for another scope or a made-up id', () => {
  let world: World
  beforeAll(async () => {
    world = await buildWorld()
  })

  test('every action in app/routes is in the matrix, and every id-bearing field it reads is swapped or explained', () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(40)
    expect(
      routeFiles.filter((f) => !(f in MATRIX)),
      'actions missing from the write matrix',
    ).toEqual([])
    expect(
      Object.keys(MATRIX).filter((f) => !routeFiles.includes(f)),
      'matrix entries without an action',
    ).toEqual([])
    for (const f of routeFiles) {
      const entry = MATRIX[f]!
      const covered = new Set<string>(Object.keys(entry.ignored ?? {}))
      for (const c of entry.cases?.(world) ?? []) {
        for (const field of [...Object.keys(c.swaps), ...Object.keys(c.inert ?? {})]) covered.add(field)
        // Each swapped field is also tried with an id that names nothing.
        for (const [field, values] of Object.entries(c.swaps))
          expect(
            Object.keys(values).some((label) => label.startsWith('an unknown')),
            `${f} ${c.label}: ${field} has no unknown id`,
          ).toBe(true)
      }
      const fields = idFieldsOf(f)
      const missing = [...fields.keys()].filter((k) => !covered.has(k)).map((k) => `${k} (from ${fields.get(k)})`)
      expect(missing, `${f}: id-bearing fields no case swaps`).toEqual([])
      if (entry.none)
        expect(fields.size, `${f} is marked as having no ids but reads ${[...fields.keys()].join(', ')}`).toBe(0)
    }
  })

  test.each(routeFiles.filter((f) => MATRIX[f]?.cases))('%s', async (file) => {
    const db = serverDb()
    for (const c of MATRIX[file]!.cases!(world)) {
      for (const [field, values] of Object.entries(c.swaps)) {
        for (const [what, value] of Object.entries(values)) {
          const before = await fingerprint()
          const r = await post(c, { ...c.body, [field]: value })
          // Soft: one run lists every id of the action that gets through, not only the first.
          expect.soft(REFUSED, `${c.label}: ${field} = ${what} answered ${r.status}`).toContain(r.status)
          expect.soft(changedTables(before, await fingerprint()), `${c.label}: ${field} = ${what} wrote`).toEqual([])
        }
      }
      for (const [field, values] of Object.entries(c.inert ?? {})) {
        for (const [what, value] of Object.entries(values)) {
          const stored = await rowsContaining(db, value)
          const r = await post(c, { ...c.body, [field]: value })
          expect.soft(r.status, `${c.label}: ${field} = ${what} (ignored) answered ${r.status}`).toBeLessThan(400)
          expect.soft(await rowsContaining(db, value), `${c.label}: ${field} = ${what} was stored`).toBe(stored)
        }
      }
      // The body as it was works: the refusals above were the id's doing.
      const before = await fingerprint()
      const ok = await post(c, c.body)
      expect([200, 302, 303], `${c.label}: the unchanged body answered ${ok.status}`).toContain(ok.status)
      if (c.controlWrites !== false)
        expect(changedTables(before, await fingerprint()), `${c.label}: the unchanged body wrote nothing`).not.toEqual(
          [],
        )
    }
  })
})
