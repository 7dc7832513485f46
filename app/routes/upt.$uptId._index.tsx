import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getUpt, uptStatusOn } from '#app/domain/registry/upts.ts'
import { getDb } from '#app/utils/db.server.ts'
import { useT } from '#app/utils/i18n.tsx'
import { notFound, requireUser } from '#app/utils/session.server.ts'
import { zoneAbbreviation } from '#app/utils/format.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb()
  const upt = await getUpt(db, params.uptId ?? '')
  // Unknown ids and other UPTs' ids both end in a refusal; the guard audits the latter.
  if (!upt) {
    await requireUser(request)
    notFound()
  }
  await requireUser(request, { permission: 'upt.manage', scope: { uptId: upt.id, kanwilId: upt.kanwil_id } })
  const status = await uptStatusOn(db, upt.id)
  return { upt, status }
}

export default function UptDashboard() {
  const t = useT()
  const { upt, status } = useLoaderData<typeof loader>()
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
      </dl>
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
      </ul>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.upt.name ?? 'UPT'} · Mitra Lipas` }]
