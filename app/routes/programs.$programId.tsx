import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { KindBadge, Quantity } from '#app/components/partners.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { getProgram } from '#app/domain/programs/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { formatDate, formatPercentOf } from '#app/lib/format.ts'
import { recordTitle, useLang, useT } from '#app/web/i18n.tsx'
import { notFound } from '#app/web/guards.server.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const program = await getProgram(getDb(), params.programId ?? '')
  // Drafts are not public; paused and ended programs stay readable.
  if (!program || program.status === 'draft') notFound()
  return { program }
}

export default function ProgramPage() {
  const t = useT()
  const lang = useLang()
  const { program: p } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">
        {p.upt_name} · {p.city}, {p.province_name}
      </p>
      <h1>{p.title}</h1>
      <p className="lead">{p.description}</p>
      <dl className="dl">
        <dt>{t('common.status')}</dt>
        <dd>{t(`program.status.${p.status}`)}</dd>
        <dt>{t('dir.sector')}</dt>
        <dd>{lang === 'en' ? p.sector_name_en : p.sector_name_id}</dd>
        <dt>{t('program.participants')}</dt>
        <dd>{p.participants}</dd>
        {p.eligibility_rule ? (
          <>
            <dt>{t('program.eligibility')}</dt>
            <dd>{p.eligibility_rule}</dd>
          </>
        ) : null}
        {p.schedule ? (
          <>
            <dt>{t('program.schedule')}</dt>
            <dd>{p.schedule}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('program.needs')}</h2>
      {p.needs.length === 0 ? (
        <EmptyState title={t('program.noNeeds')} />
      ) : (
        <ul className="cards">
          {p.needs.map((n) => (
            <li key={n.id} className="card">
              <KindBadge kind={n.kind} />
              <p>
                {t('program.needed')}: <Quantity value={n.quantity} unit={n.unit} />
                {n.needed_by ? ` · ${t('program.neededBy')} ${formatDate(n.needed_by, lang)}` : ''}
              </p>
              <p>
                {t('program.covered')}: <Quantity value={n.quantity_covered} unit={n.unit} /> (
                {formatPercentOf(n.quantity_covered, n.quantity, lang)})
              </p>
              <progress
                className="progress"
                max={n.quantity}
                value={n.quantity_covered}
                aria-label={t('program.covered')}
              />
              {n.note ? <p className="muted">{n.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        {t('program.helpCta')} <Link to="/offers">{t('offers.title')}</Link> ·{' '}
        <Link to="/signup">{t('dir.becomePartner')}</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: recordTitle(matches, data?.program.title, 'title.program') },
]
