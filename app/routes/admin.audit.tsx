import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { ListFilters, ListTable } from '#app/components/ui/list-table.tsx'
import { PageHeader } from '#app/components/ui/misc.tsx'
import { pageFrom } from '#app/lib/pagination.ts'
import { auditLogForPage } from '#app/web/audit-log.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireUser } from '#app/web/guards.server.ts'
import { getLang, getT } from '#app/web/i18n.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'

// National admins only (`admin.national`): the log spans every Kanwil, UPT and partner.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'admin.national' })
  const url = new URL(request.url)
  const view = await auditLogForPage(getDb(), url, pageFrom(url), getT(request), getLang(request))
  // Bad filter values: 400 with the form and its messages; a page past the end: 404 with a way back.
  const status = view.errors ? 400 : view.pastEnd ? 404 : 200
  return data(view, { status })
}

export default function AuditPage() {
  const t = useT()
  const v = useLoaderData<typeof loader>()
  const e = v.errors ?? {}
  const firstPage = v.exportHref.replace('/admin/audit.csv', '/admin/audit')
  return (
    <div className="stack">
      <PageHeader title={t('admin.audit')} />
      <p className="muted">{t('audit.intro')}</p>
      <ListTable
        label={t('admin.audit')}
        filters={
          <ListFilters label={t('audit.filters')} resetTo="/admin/audit">
            <Field
              label={t('audit.filter.person')}
              errors={e.person}
              inputProps={{ name: 'person', type: 'search', defaultValue: v.values.person, autoComplete: 'off' }}
            />
            <SelectField
              label={t('audit.filter.action')}
              errors={e.action}
              placeholder={t('audit.filter.any')}
              options={v.options.actions}
              selectProps={{ name: 'action', defaultValue: e.action ? '' : v.values.action }}
            />
            {/* On phones the entries matter more than the rarer filters: they fold away until used. */}
            <details
              className="filter-more"
              open={Boolean(
                v.values.type || v.values.upt || v.values.from || v.values.to || e.type || e.upt || e.from || e.to,
              )}
            >
              <summary>{t('audit.filter.more')}</summary>
              <div className="filter-grid">
                <SelectField
                  label={t('audit.filter.type')}
                  errors={e.type}
                  placeholder={t('audit.filter.any')}
                  options={v.options.objectTypes}
                  selectProps={{ name: 'type', defaultValue: e.type ? '' : v.values.type }}
                />
                <SelectField
                  label={t('audit.filter.upt')}
                  errors={e.upt}
                  placeholder={t('audit.filter.any')}
                  options={v.options.upts}
                  selectProps={{ name: 'upt', defaultValue: e.upt ? '' : v.values.upt }}
                />
                <Field
                  label={t('audit.filter.from')}
                  errors={e.from}
                  inputProps={{ name: 'from', type: 'date', defaultValue: v.values.from }}
                />
                <Field
                  label={t('audit.filter.to')}
                  errors={e.to}
                  inputProps={{ name: 'to', type: 'date', defaultValue: v.values.to }}
                />
              </div>
            </details>
          </ListFilters>
        }
        summary={
          v.errors ? (
            <p className="alert alert-error" role="alert">
              {t('audit.filter.fix')}
            </p>
          ) : v.pastEnd ? (
            <p className="alert alert-info" data-testid="audit-past-end">
              {t('audit.pastEnd', { page: v.page, pages: v.pages })} <Link to={firstPage}>{t('audit.firstPage')}</Link>
            </p>
          ) : (
            <div className="audit-summary">
              <p data-testid="audit-count">{t('audit.count', { count: v.total.toLocaleString('id-ID') })}</p>
              {v.total > 0 ? (
                <a className="button button-secondary" href={v.exportHref} download>
                  {t('audit.export', { count: Math.min(v.total, v.exportLimit).toLocaleString('id-ID') })}
                </a>
              ) : null}
              {v.total > v.exportLimit ? (
                <p className="muted">{t('audit.exportCut', { limit: v.exportLimit.toLocaleString('id-ID') })}</p>
              ) : null}
            </div>
          )
        }
        rows={v.entries}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ 'data-action': r.action })}
        empty={
          v.errors || v.pastEnd ? undefined : { title: v.filtered ? t('audit.emptyFiltered') : t('admin.auditEmpty') }
        }
        page={v.pastEnd || v.errors ? undefined : v.page}
        pages={v.pages}
        columns={[
          {
            header: t('audit.col.action'),
            rowHeader: true,
            cell: (r) => (
              <span className="audit-action" title={r.action}>
                {r.actionText}
              </span>
            ),
          },
          { header: t('audit.col.when'), cell: (r) => <time dateTime={r.at}>{r.when}</time> },
          {
            header: t('audit.col.who'),
            cell: (r) => (
              <div className="audit-who">
                <span>{r.actor.name}</span>
                {r.actor.roles ? <span className="muted">{r.actor.roles}</span> : null}
                {r.actor.email ? <span className="muted">{r.actor.email}</span> : null}
                {r.ip ? <span className="muted">{t('audit.ip', { ip: r.ip })}</span> : null}
              </div>
            ),
          },
          {
            header: t('audit.col.object'),
            cell: (r) =>
              r.object ? (
                <div className="audit-object">
                  {(r.object.label ?? r.object.id) ? (
                    <>
                      <span className="muted">{r.object.typeText}</span>
                      {r.object.href ? (
                        <Link to={r.object.href}>{r.object.label ?? r.object.id}</Link>
                      ) : (
                        <span>{r.object.label ?? r.object.id}</span>
                      )}
                    </>
                  ) : r.object.href ? (
                    <Link to={r.object.href}>{r.object.typeText}</Link>
                  ) : (
                    <span>{r.object.typeText}</span>
                  )}
                </div>
              ) : null,
          },
          {
            header: t('audit.col.changes'),
            cell: (r) =>
              r.changes.length > 0 ? (
                <ul className="audit-changes">
                  {r.changes.map((c, i) => (
                    <li key={i}>
                      <span className="audit-field">{c.label}:</span>{' '}
                      {c.before === undefined ? (
                        c.after
                      ) : (
                        <>
                          <del>{c.before}</del> <span aria-hidden="true">→</span>
                          <span className="visually-hidden">{t('audit.changes.to')}</span> <ins>{c.after}</ins>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null,
          },
        ]}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.audit') }]
