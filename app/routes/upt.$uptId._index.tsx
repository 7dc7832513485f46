import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmptyState, StatusBadge } from '#app/components/ui/misc.tsx'
import { listUptPrograms } from '#app/domain/programs/queries.ts'
import { kindsAllowedFor, loadAllowedKinds } from '#app/domain/registry/settings.ts'
import { getUpt, uptStatusOn } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/web/db.server.ts'
import { recordTitle, useT } from '#app/web/i18n.tsx'
import { notFound, requireUser } from '#app/web/guards.server.ts'
import { zoneAbbreviation } from '#app/lib/format.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb()
  const upt = await getUpt(db, params.uptId ?? '')
  // Unknown ids and other UPTs' ids both end in a refusal; the guard audits the latter.
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  await requireUser(request, { permission: 'upt.manage', scope: { uptId: upt.id, kanwilId: upt.kanwil_id } })
  const [status, programs, settings] = await Promise.all([
    uptStatusOn(db, upt.id),
    listUptPrograms(db, upt.id),
    loadAllowedKinds(db),
  ])
  return { upt, status, programs, allowedKinds: kindsAllowedFor(settings, status.securityLevel, upt.type) }
}

export default function UptDashboard() {
  const t = useT()
  const { upt, status, programs, allowedKinds } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">{t('upt.dashboard')}</p>
      <h1>{upt.name}</h1>
      <dl className="dl">
        <dt>{t('common.type')}</dt>
        <dd>
          {t(`upt.type.${upt.type}`)}
          {status.class ? ` · Kelas ${status.class}` : ''}
        </dd>
        <dt>{t('common.province')}</dt>
        <dd>
          {upt.city}, {upt.province_name} ({zoneAbbreviation(upt.timezone)})
        </dd>
        <dt>Kanwil</dt>
        <dd>{upt.kanwil_name}</dd>
        <dt>{t('upt.securityLevel')}</dt>
        <dd>{t(`security.${status.securityLevel ?? 'unknown'}`)}</dd>
        <dt>{t('program.allowedKinds')}</dt>
        <dd>{allowedKinds.map((k) => t(`kind.${k}`)).join(', ') || t('common.none')}</dd>
      </dl>
      <p className="button-row">
        <Link to={`/upt/${upt.id}/suggestions`}>{t('match.uptSuggestionsTitle')}</Link>
        <Link to="/agreements">{t('nav.agreements')}</Link>
        <Link to={`/upt/${upt.id}/outcomes`}>{t('outcome.programTitle')}</Link>
        <Link to={`/upt/${upt.id}/stories`}>{t('story.authorTitle')}</Link>
      </p>
      <div className="page-header">
        <h2>{t('program.mine')}</h2>
        <Link to={`/upt/${upt.id}/programs/new`} className="button">
          {t('program.new')}
        </Link>
      </div>
      <ul className="status-counts" aria-label={t('dash.statusCounts')}>
        {(['draft', 'active', 'paused', 'ended'] as const).map((s) => (
          <li key={s}>
            <StatusBadge status={s} label={`${t(`program.status.${s}`)}: ${programs.counts[s] ?? 0}`} />
          </li>
        ))}
      </ul>
      {programs.items.length === 0 ? (
        <EmptyState title={t('program.none')}>
          <p>{t('program.noneNext')}</p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {programs.items.map((p) => (
            <li key={p.id} className="card">
              <h3>
                <Link to={`/upt/${upt.id}/programs/${p.id}`}>{p.title}</Link>
              </h3>
              <p>
                <StatusBadge status={p.status} label={t(`program.status.${p.status}`)} /> ·{' '}
                {t('program.participantsN', { n: p.participants })} · {t('program.needsN', { n: p.needs })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ul className="button-row">
        <li>
          <Link to={`/upt/${upt.id}/products`}>{t('upt.productsLink')}</Link>
        </li>
        <li>
          <Link to={`/upt/${upt.id}/orders`}>{t('upt.ordersLink')}</Link>
        </li>
        <li>
          <Link to={`/upt/${upt.id}/shipping`}>{t('upt.shippingLink')}</Link>
        </li>
        <li>
          <Link to={`/upt/${upt.id}/reviews`}>{t('upt.reviewsLink')}</Link>
        </li>
      </ul>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: recordTitle(matches, data?.upt.name, 'title.upt') },
]
