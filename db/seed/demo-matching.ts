/**
 * Demo data for matching and impact (issue 4): offers, programs with needs, agreements with
 * outcomes and the 2026 targets, so /impact shows the Ditjenpas figures (4,175 trained and
 * 2,963 certified against 13,500: 30,92% and 21,94%). Deterministic; runs inside seedDemo.
 */
import type { DB } from '../client.ts'
import type { PublicationMedium, SupportKindName } from '../schema.ts'
import { newId } from '../../app/lib/ids.ts'
import { nowIso, todayIn } from '../../app/lib/time.ts'
import { addDays, PROPOSAL_TTL_DAYS } from '../../app/domain/agreements/lifecycle.ts'
import { apportion } from '../../app/domain/ledger/split.ts'

export const DEMO_YEAR = 2026
export const DEMO_NATIONAL_TARGET = 13_500
export const DEMO_TRAINED = 4_175
export const DEMO_CERTIFIED = 2_963
/** Trained and certified in the years before (whole years, all at reporting UPTs), for the trend on /impact. */
export const DEMO_PAST_YEARS: Record<string, { trained: number; certified: number }> = {
  '2024': { trained: 2_310, certified: 1_540 },
  '2025': { trained: 3_480, certified: 2_410 },
}

/**
 * UPTs that report program results in the demo (slugs from the reference list), each in its own
 * Kanwil, weighted by the size of their programs so no two report the same counts.
 */
const REPORTING: Record<string, number> = {
  'lapas-kelas-iia-kediri': 12,
  'lapas-narkotika-kelas-iia-bangli': 7,
  'lapas-kelas-i-cipinang': 19,
  'lapas-kelas-iia-cikarang': 15,
  'lapas-kelas-iia-wirogunan': 10,
  'lapas-kelas-iia-kendal': 9,
  'lapas-kelas-iib-pangkalan-bun': 5,
  'lapas-kelas-iia-bukittinggi': 8,
  'lapas-kelas-iia-mataram': 11,
}

export async function seedMatchingDemo(db: DB, at: Date = new Date()) {
  await db.transaction().execute(async (trx) => {
    const now = nowIso(at)
    const tenun = await trx
      .selectFrom('partners')
      .select(['id'])
      .where('slug', '=', 'tenun-nusantara')
      .executeTakeFirstOrThrow()
    const kediri = await trx
      .selectFrom('upts')
      .select(['id', 'kanwil_id'])
      .where('slug', '=', 'lapas-kelas-iia-kediri')
      .executeTakeFirstOrThrow()
    const bangli = await trx
      .selectFrom('upts')
      .select(['id'])
      .where('slug', '=', 'lapas-narkotika-kelas-iia-bangli')
      .executeTakeFirstOrThrow()
    const staff = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'staf.kediri@mitralipas.demo')
      .executeTakeFirstOrThrow()
    const member = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'mitra@mitralipas.demo')
      .executeTakeFirstOrThrow()
    await trx.updateTable('partners').set({ impact_public: 1 }).where('id', '=', tenun.id).execute()
    for (const p of ['35', '51', '52'])
      await trx
        .insertInto('partner_provinces')
        .values({ partner_id: tenun.id, province_id: p })
        .onConflict((oc) => oc.doNothing())
        .execute()
    await trx
      .insertInto('partner_sectors')
      .values({ partner_id: tenun.id, sector_id: 'tenun' })
      .onConflict((oc) => oc.doNothing())
      .execute()

    const offer = async (o: {
      kind: SupportKindName
      title: string
      terms: object
      unit: string
      capacity: number
      remaining: number
      provinces: string[]
      sectors: string[]
      status?: 'open' | 'fully_committed'
    }) => {
      const id = newId()
      await trx
        .insertInto('offers')
        .values({
          id,
          partner_id: tenun.id,
          kind: o.kind,
          title: o.title,
          description: null,
          terms: JSON.stringify(o.terms),
          status: o.status ?? 'open',
          national: 0,
          valid_from: '2026-01-01',
          valid_until: '2027-12-31',
          unit: o.unit,
          capacity_total: o.capacity,
          capacity_remaining: o.remaining,
          created_by: member.id,
          created_at: now,
          updated_at: now,
          published_at: now,
        })
        .execute()
      for (const s of o.sectors) await trx.insertInto('offer_sectors').values({ offer_id: id, sector_id: s }).execute()
      for (const p of o.provinces)
        await trx.insertInto('offer_provinces').values({ offer_id: id, province_id: p }).execute()
      return id
    }
    const training = await offer({
      kind: 'training',
      title: 'Pelatihan tenun ikat bersertifikat BNSP',
      terms: { kind: 'training', seats: 40, hours: 120, certificationBody: 'BNSP melalui LSP Tenun' },
      unit: 'seats',
      capacity: 40,
      remaining: 30,
      provinces: ['35', '51'],
      sectors: ['tenun'],
    })
    // The partners demo's offtake offer and Kediri's weaving program, when present; else our own.
    const theirOfftake = await trx
      .selectFrom('offers')
      .select(['id', 'capacity_remaining'])
      .where('partner_id', '=', tenun.id)
      .where('kind', '=', 'absorption')
      .orderBy('created_at')
      .executeTakeFirst()
    const offtake =
      theirOfftake && theirOfftake.capacity_remaining >= 50
        ? theirOfftake.id
        : await offer({
            kind: 'absorption',
            title: 'Penampungan kain tenun',
            terms: {
              kind: 'absorption',
              productCategory: 'Kain tenun ikat',
              unitsPerMonth: 200,
              unitPrice: 350_000,
              months: 12,
            },
            unit: 'units_per_month',
            capacity: 200,
            remaining: 200,
            provinces: ['35'],
            sectors: ['tenun'],
          })
    if (offtake === theirOfftake?.id)
      await trx
        .updateTable('offers')
        .set({ capacity_remaining: theirOfftake.capacity_remaining - 50 })
        .where('id', '=', offtake)
        .execute()
    else await trx.updateTable('offers').set({ capacity_remaining: 150 }).where('id', '=', offtake).execute()

    const program = async (uptId: string, slug: string, title: string, sector: string) => {
      const existing = await trx
        .selectFrom('programs')
        .select('id')
        .where('upt_id', '=', uptId)
        .where('sector_id', '=', sector)
        .where('status', '=', 'active')
        .orderBy('created_at')
        .executeTakeFirst()
      if (existing) return existing.id
      const id = newId()
      await trx
        .insertInto('programs')
        .values({
          id,
          slug,
          upt_id: uptId,
          sector_id: sector,
          title,
          description: `${title}: program pembinaan kemandirian warga binaan.`,
          participants: 30,
          eligibility_rule: 'Telah menjalani 1/3 masa pidana',
          schedule: 'Senin–Jumat',
          status: 'active',
          created_by: staff.id,
          created_at: now,
          updated_at: now,
        })
        .execute()
      return id
    }
    const need = async (
      programId: string,
      n: { kind: SupportKindName; unit: string; quantity: number; covered: number; neededBy: string | null },
    ) => {
      const existing = await trx
        .selectFrom('program_needs')
        .select(['id', 'quantity', 'quantity_covered'])
        .where('program_id', '=', programId)
        .where('kind', '=', n.kind)
        .executeTakeFirst()
      if (existing && existing.quantity - existing.quantity_covered >= n.covered) {
        await trx
          .updateTable('program_needs')
          .set({ quantity_covered: existing.quantity_covered + n.covered })
          .where('id', '=', existing.id)
          .execute()
        return existing.id
      }
      const id = newId()
      await trx
        .insertInto('program_needs')
        .values({
          id,
          program_id: programId,
          kind: n.kind,
          quantity: n.quantity,
          unit: n.unit,
          needed_by: n.neededBy,
          quantity_covered: n.covered,
          note: null,
          created_at: now,
        })
        .execute()
      return id
    }
    const tenunKediri = {
      id: await program(kediri.id, 'tenun-ikat-kediri-pelatihan', 'Tenun ikat Kediri', 'tenun'),
      needIds: [] as string[],
    }
    tenunKediri.needIds.push(
      await need(tenunKediri.id, {
        kind: 'training',
        unit: 'seats',
        quantity: 40,
        covered: 10,
        neededBy: '2027-01-31',
      }),
    )
    tenunKediri.needIds.push(
      await need(tenunKediri.id, {
        kind: 'absorption',
        unit: 'units_per_month',
        quantity: 150,
        covered: 50,
        neededBy: null,
      }),
    )
    // A need no offer can serve yet (shown to admins for partner recruitment).
    await need(await program(bangli.id, 'kerajinan-bambu-lapas-bangli', 'Kerajinan bambu', 'crafts'), {
      kind: 'training',
      unit: 'seats',
      quantity: 20,
      covered: 0,
      neededBy: '2027-02-28',
    })

    const agreement = async (
      n: number,
      o: {
        offerId: string
        needId: string
        kind: SupportKindName
        unit: string
        quantity: number
        status: 'active' | 'completed'
        start: string
        end: string
        terms: string
        pks: string | null
        uptId?: string
        programId?: string
      },
    ) => {
      const uptId = o.uptId ?? kediri.id
      const programId = o.programId ?? tenunKediri.id
      const proposalId = newId()
      const id = newId()
      await trx
        .insertInto('proposals')
        .values({
          id: proposalId,
          offer_id: o.offerId,
          need_id: o.needId,
          partner_id: tenun.id,
          upt_id: uptId,
          quantity: o.quantity,
          message: o.terms,
          proposed_by_side: 'partner',
          proposed_by: member.id,
          status: 'accepted',
          expires_on: '2026-02-14',
          decline_reason: null,
          decided_by: staff.id,
          decided_at: now,
          agreement_id: id,
          created_at: now,
        })
        .execute()
      await trx
        .insertInto('agreements')
        .values({
          id,
          number: `KS-${DEMO_YEAR}-${String(n).padStart(6, '0')}`,
          proposal_id: proposalId,
          offer_id: o.offerId,
          need_id: o.needId,
          program_id: programId,
          partner_id: tenun.id,
          upt_id: uptId,
          kind: o.kind,
          quantity: o.quantity,
          unit: o.unit,
          terms: o.terms,
          start_date: o.start,
          end_date: o.end,
          pks_number: o.pks,
          pks_document_url: null,
          status: o.status,
          cancel_reason: null,
          created_by: staff.id,
          created_at: now,
          updated_at: now,
          closed_at: o.status === 'completed' ? now : null,
          agreed_terms: (
            await trx.selectFrom('offers').select('terms').where('id', '=', o.offerId).executeTakeFirstOrThrow()
          ).terms,
        })
        .execute()
      // What was agreed stays with the agreement (ADR 012): the offer's sectors at acceptance.
      for (const { sector_id } of await trx
        .selectFrom('offer_sectors')
        .select('sector_id')
        .where('offer_id', '=', o.offerId)
        .execute()) {
        await trx.insertInto('agreement_sectors').values({ agreement_id: id, sector_id }).execute()
      }
      return id
    }
    const done = await agreement(1, {
      offerId: training,
      needId: tenunKediri.needIds[0]!,
      kind: 'training',
      unit: 'seats',
      quantity: 10,
      status: 'completed',
      start: '2026-01-05',
      end: '2026-03-27',
      terms: 'Pelatihan tenun ikat 120 jam, uji kompetensi oleh LSP Tenun.',
      pks: 'PAS.14-PK.01.05.02-0012',
    })
    const active = await agreement(2, {
      offerId: offtake,
      needId: tenunKediri.needIds[1]!,
      kind: 'absorption',
      unit: 'units_per_month',
      quantity: 50,
      status: 'active',
      start: '2026-04-01',
      end: '2027-03-31',
      terms: 'Mitra membeli 50 lembar kain per bulan dengan harga Rp 350.000 per lembar.',
      pks: null,
    })

    // A proposal from the UPT waiting for the partner's answer (capital for more looms).
    const capitalOffer = await trx
      .selectFrom('offers')
      .select(['id', 'capacity_remaining'])
      .where('partner_id', '=', tenun.id)
      .where('kind', '=', 'capital')
      .where('status', '=', 'open')
      .executeTakeFirst()
    const capitalNeed = await trx
      .selectFrom('program_needs')
      .select(['id', 'quantity'])
      .where('program_id', '=', tenunKediri.id)
      .where('kind', '=', 'capital')
      .executeTakeFirst()
    if (capitalOffer && capitalNeed) {
      await trx
        .insertInto('proposals')
        .values({
          id: newId(),
          offer_id: capitalOffer.id,
          need_id: capitalNeed.id,
          partner_id: tenun.id,
          upt_id: kediri.id,
          quantity: Math.min(capitalOffer.capacity_remaining, capitalNeed.quantity),
          message: 'Kami mengajukan dukungan ATBM untuk angkatan berikutnya.',
          proposed_by_side: 'upt',
          proposed_by: staff.id,
          status: 'proposed',
          expires_on: addDays(todayIn('Asia/Jakarta', at), PROPOSAL_TTL_DAYS),
          decline_reason: null,
          decided_by: null,
          decided_at: null,
          agreement_id: null,
          created_at: now,
        })
        .execute()
    }

    const outcome = async (o: {
      uptId: string
      programId: string
      agreementId?: string
      kind?: SupportKindName
      metric: 'trained' | 'certified' | 'units_absorbed' | 'publication' | 'capital'
      count: number
      on: string
      certifyingBody?: string
      link?: string
      channel?: string
      reach?: number
      value?: number
      medium?: PublicationMedium
      sales?: number
      by?: string
    }) => {
      await trx
        .insertInto('outcomes')
        .values({
          id: newId(),
          upt_id: o.uptId,
          program_id: o.programId,
          agreement_id: o.agreementId ?? null,
          partner_id: o.agreementId ? tenun.id : null,
          kind: o.kind ?? null,
          metric: o.metric,
          count: o.count,
          value_rupiah: o.value ?? null,
          capital_form: o.value !== undefined ? 'goods' : null,
          certifying_body: o.certifyingBody ?? null,
          link: o.link ?? null,
          channel: o.channel ?? null,
          reach: o.reach ?? null,
          medium: o.medium ?? null,
          sales_rupiah: o.sales ?? null,
          occurred_on: o.on,
          note: null,
          recorded_by: o.by ?? staff.id,
          created_at: now,
        })
        .execute()
    }
    await outcome({
      uptId: kediri.id,
      programId: tenunKediri.id,
      agreementId: done,
      kind: 'training',
      metric: 'trained',
      count: 10,
      on: '2026-03-27',
    })
    await outcome({
      uptId: kediri.id,
      programId: tenunKediri.id,
      agreementId: done,
      kind: 'training',
      metric: 'certified',
      count: 8,
      on: '2026-03-30',
      certifyingBody: 'BNSP melalui LSP Tenun',
    })
    await outcome({
      uptId: kediri.id,
      programId: tenunKediri.id,
      agreementId: active,
      kind: 'absorption',
      metric: 'units_absorbed',
      count: 300,
      on: '2026-09-30',
    })
    await outcome({
      uptId: kediri.id,
      programId: tenunKediri.id,
      agreementId: active,
      kind: 'absorption',
      metric: 'publication',
      count: 1,
      on: '2026-08-17',
      link: 'https://www.instagram.com/',
      channel: 'Instagram',
      reach: 12_500,
      medium: 'social_media',
    })

    // A publication agreement (issue 15, item 2). Publication is allowed only at minimum
    // security (support_kind_settings), so it is with the open camp of Lombok Tengah, whose
    // songket Tenun Nusantara shows at fairs and in the press; its records are its outcomes.
    const lombok = await trx
      .selectFrom('upts')
      .select('id')
      .where('slug', '=', 'lapas-terbuka-kelas-iib-lombok-tengah')
      .executeTakeFirstOrThrow()
    const songket = await program(
      lombok.id,
      'tenun-songket-lapas-terbuka-lombok-tengah',
      'Tenun songket Lombok',
      'tenun',
    )
    const publicationOffer = await offer({
      kind: 'publication',
      title: 'Liputan dan pameran kain tenun warga binaan',
      terms: {
        kind: 'publication',
        channels: 'Instagram, media daring, pameran kerajinan',
        reach: 50_000,
        publications: 6,
      },
      unit: 'publications',
      capacity: 6,
      remaining: 0,
      provinces: ['52'],
      sectors: ['tenun'],
      status: 'fully_committed',
    })
    const publicationNeed = await need(songket, {
      kind: 'publication',
      unit: 'publications',
      quantity: 6,
      covered: 6,
      neededBy: null,
    })
    const publicity = await agreement(3, {
      offerId: publicationOffer,
      needId: publicationNeed,
      kind: 'publication',
      unit: 'publications',
      quantity: 6,
      status: 'active',
      start: '2026-04-01',
      end: '2027-03-31',
      terms: 'Mitra meliput dan memamerkan songket Lapas Terbuka Lombok Tengah: 6 publikasi dalam setahun.',
      pks: 'PAS.14-PK.01.05.02-0031',
      uptId: lombok.id,
      programId: songket,
    })
    await outcome({
      uptId: lombok.id,
      programId: songket,
      agreementId: publicity,
      kind: 'publication',
      metric: 'publication',
      count: 1,
      on: '2026-04-27',
      channel: 'Pameran Hari Bakti Pemasyarakatan ke-62, Mataram',
      reach: 1_800,
      medium: 'exhibition',
      sales: 4_250_000,
      by: member.id,
    })
    await outcome({
      uptId: lombok.id,
      programId: songket,
      agreementId: publicity,
      kind: 'publication',
      metric: 'publication',
      count: 1,
      on: '2026-06-12',
      link: 'https://www.antaranews.com/',
      channel: 'ANTARA NTB',
      reach: 20_000,
      medium: 'online',
      by: member.id,
    })

    // The rest of the national Q1 realisation, spread over reporting UPTs' own programs.
    const rest = { trained: DEMO_TRAINED - 10, certified: DEMO_CERTIFIED - 8 }
    const upts = await trx
      .selectFrom('upts')
      .select(['id', 'slug'])
      .where('slug', 'in', Object.keys(REPORTING))
      .orderBy('slug')
      .execute()
    const weights = Object.fromEntries(upts.map((u) => [u.slug, REPORTING[u.slug]!]))
    const slugs = upts.map((u) => u.slug)
    // Largest remainder: the UPTs' counts sum exactly to the national figures.
    const trainedBy = apportion(rest.trained, weights, slugs)
    const certifiedBy = apportion(rest.certified, weights, slugs)
    const pastBy = Object.fromEntries(
      Object.entries(DEMO_PAST_YEARS).map(([year, f]) => [
        year,
        { trained: apportion(f.trained, weights, slugs), certified: apportion(f.certified, weights, slugs) },
      ]),
    )
    for (const u of upts) {
      const existing = await trx
        .selectFrom('programs')
        .select('id')
        .where('upt_id', '=', u.id)
        .where('status', '=', 'active')
        .orderBy('created_at')
        .executeTakeFirst()
      const p = {
        id: existing?.id ?? (await program(u.id, `pembinaan-kemandirian-${u.slug}`, 'Pembinaan kemandirian', 'crafts')),
      }
      const quarterDates = ['2026-01-20', '2026-02-17', '2026-03-16']
      const trained = trainedBy[u.slug]!
      const certified = certifiedBy[u.slug]!
      for (const [q, on] of quarterDates.entries()) {
        const part = (n: number) => (q === 2 ? n - 2 * Math.floor(n / 3) : Math.floor(n / 3))
        await outcome({ uptId: u.id, programId: p.id, metric: 'trained', count: part(trained), on })
        await outcome({
          uptId: u.id,
          programId: p.id,
          metric: 'certified',
          count: part(certified),
          on,
          certifyingBody: 'BNSP melalui LSP',
        })
      }
      // The two years before, so /impact has a trend (recorded once a year, at the end of the year's programs).
      for (const year of Object.keys(DEMO_PAST_YEARS)) {
        await outcome({
          uptId: u.id,
          programId: p.id,
          metric: 'trained',
          count: pastBy[year]!.trained[u.slug]!,
          on: `${year}-11-28`,
        })
        await outcome({
          uptId: u.id,
          programId: p.id,
          metric: 'certified',
          count: pastBy[year]!.certified[u.slug]!,
          on: `${year}-12-12`,
          certifyingBody: 'BNSP melalui LSP',
        })
      }
    }

    const target = async (
      scopeType: 'national' | 'kanwil' | 'upt',
      scopeId: string,
      trained: number,
      certified: number,
    ) => {
      for (const [metric, value] of [
        ['trained', trained],
        ['certified', certified],
      ] as const) {
        await trx
          .insertInto('realisation_targets')
          .values({
            year: DEMO_YEAR,
            scope_type: scopeType,
            scope_id: scopeId,
            metric,
            target: value,
            updated_at: now,
            updated_by: null,
          })
          .execute()
      }
    }
    await target('national', '', DEMO_NATIONAL_TARGET, DEMO_NATIONAL_TARGET)
    await target('kanwil', kediri.kanwil_id, 1_200, 900)
    // Every other Kanwil that reports results has its own target too (about 2.5 times its Q1
    // realisation, in hundreds), so /impact shows a percentage on every row; with Kediri's they
    // add up to less than the national target (the rest is for Kanwils without results yet).
    const reporting = await trx
      .selectFrom('upts')
      .select(['slug', 'kanwil_id'])
      .where('slug', 'in', Object.keys(REPORTING))
      .where('kanwil_id', '!=', kediri.kanwil_id)
      .orderBy('slug')
      .execute()
    for (const u of reporting) {
      const trainedTarget = Math.ceil((trainedBy[u.slug]! * 5) / 2 / 100) * 100
      await target('kanwil', u.kanwil_id, trainedTarget, Math.ceil((trainedTarget * 3) / 4 / 50) * 50)
    }
    await target('upt', kediri.id, 600, 450)
  })
}
