import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { hasWorkHome, workFor } from '#app/domain/work/queries.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUser } from '#app/web/guards.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { formatDate, formatMonth, formatNumber } from '#app/lib/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request)
  // Buyers have no work here: their home is the account.
  if (!hasWorkHome(session.principal)) throw redirect('/account')
  return { sections: await workFor(getDb(), session.principal) }
}

export default function WorkPage() {
  const t = useT()
  const lang = useLang()
  const { sections } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('work.title')}</h1>
      <p className="muted">{t('work.intro')}</p>
      {sections.map((s, i) => (
        <section key={`${s.role}-${i}`} className="card stack" aria-labelledby={`work-${i}`}>
          <h2 id={`work-${i}`}>
            {t(`role.${s.role}`)} · {s.scope ?? t('work.national')}
          </h2>
          {s.items.length === 0 ? (
            <p className="muted">{t('work.nothing')}</p>
          ) : (
            <ul className="work-list">
              {s.items.map((item) => (
                <li key={item.key}>
                  <Link to={item.href}>
                    <strong className="work-count">{formatNumber(item.count, lang)}</strong>
                    {t(item.key)}
                  </Link>
                  {item.links && item.links.length > 1 ? (
                    <ul className="work-sublist">
                      {item.links.map((l) => (
                        <li key={l.href}>
                          <Link to={l.href}>
                            {[
                              l.label,
                              l.date ? formatDate(l.date, lang) : null,
                              l.month ? formatMonth(l.month, lang) : null,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={s.home}>{t('work.openArea', { area: t(`role.${s.role}`) })}</Link>
          </p>
        </section>
      ))}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.work') }]
