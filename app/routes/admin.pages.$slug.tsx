import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { isSitePageSlug } from '#app/domain/content/slugs.ts'
import { renderMarkdown } from '#app/lib/markdown.server.ts'
import { getSitePage, listSitePageVersions, saveSitePage } from '#app/domain/content/pages.ts'
import { SitePageSchema } from '#app/domain/content/schemas.ts'
import { DomainError } from '#app/domain/errors.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { notFound, requireUser } from '#app/web/guards.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'admin.national' })
  const slug = params.slug ?? ''
  if (!isSitePageSlug(slug)) notFound()
  const db = getDb()
  const page = await getSitePage(db, slug)
  if (!page) notFound()
  return { page, versions: await listSitePageVersions(db, slug) }
}

/** "Pratinjau" renders the text as the page will, writing nothing; "Simpan" saves a new version. */
export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request, { permission: 'admin.national' })
  const slug = params.slug ?? ''
  if (!isSitePageSlug(slug)) notFound()
  const submission = parseWithZod(await readForm(request), { schema: SitePageSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), preview: null }, { status: 400 })
  const { intent, ...input } = submission.value
  if (intent === 'preview') {
    return {
      result: submission.reply(),
      preview: {
        id: renderMarkdown(input.bodyId, 'page'),
        en: renderMarkdown(input.bodyEn, 'page'),
        titleId: input.titleId,
        titleEn: input.titleEn,
      },
    }
  }
  try {
    const { version } = await saveSitePage(getDb(), slug, input, { userId: session.user.id, ip: clientIp(request) })
    throw redirect(`/admin/pages/${slug}`, {
      headers: { 'Set-Cookie': flashCookie('sitePages.admin.saved', { version }) },
    })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data({ result: submission.reply({ formErrors: [error.code] }), preview: null }, { status: 409 })
  }
}

export default function SitePageEditor() {
  const t = useT()
  const lang = useLang()
  const { page, versions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof SitePageSchema>>({
    id: `site-page-${page.slug}-${page.version}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(SitePageSchema),
    defaultValue: {
      baseVersion: String(page.version),
      titleId: page.title_id,
      titleEn: page.title_en,
      bodyId: page.body_id,
      bodyEn: page.body_en,
    },
    shouldValidate: 'onBlur',
  })
  const preview = actionData?.preview
  return (
    <div className="stack">
      <p>
        <Link to="/admin/pages">← {t('sitePages.admin.back')}</Link>
      </p>
      <h1>{t('sitePages.admin.editTitle', { title: lang === 'en' ? page.title_en : page.title_id })}</h1>
      <p className="muted">
        {t('sitePages.admin.version')} {page.version} · {formatDateTime(page.created_at, 'Asia/Jakarta', lang)} ·{' '}
        <Link to={`/info/${page.slug}`}>{t('sitePages.admin.view')}</Link>
      </p>
      {preview ? (
        <section className="card stack preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('sitePages.admin.previewTitle')}</h2>
          <div className="grid-2">
            <div lang="id">
              <h3>{preview.titleId}</h3>
              <div className="prose" dangerouslySetInnerHTML={{ __html: preview.id }} />
            </div>
            <div lang="en">
              <h3>{preview.titleEn}</h3>
              <div className="prose" dangerouslySetInnerHTML={{ __html: preview.en }} />
            </div>
          </div>
        </section>
      ) : null}
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.baseVersion, { type: 'hidden' })} />
        <p className="muted small">{t('sitePages.admin.markdownHint')}</p>
        <fieldset className="stack">
          <legend>{t('sitePages.admin.indonesian')}</legend>
          <Field
            label={t('sitePages.admin.titleId')}
            errors={fields.titleId.errors}
            errorId={fields.titleId.errorId}
            inputProps={getInputProps(fields.titleId, { type: 'text' })}
          />
          <TextareaField
            label={t('sitePages.admin.bodyId')}
            errors={fields.bodyId.errors}
            errorId={fields.bodyId.errorId}
            textareaProps={{ ...getTextareaProps(fields.bodyId), rows: 16, lang: 'id' }}
          />
        </fieldset>
        <fieldset className="stack">
          <legend>{t('sitePages.admin.english')}</legend>
          <Field
            label={t('sitePages.admin.titleEn')}
            errors={fields.titleEn.errors}
            errorId={fields.titleEn.errorId}
            inputProps={{ ...getInputProps(fields.titleEn, { type: 'text' }), lang: 'en' }}
          />
          <TextareaField
            label={t('sitePages.admin.bodyEn')}
            errors={fields.bodyEn.errors}
            errorId={fields.bodyEn.errorId}
            textareaProps={{ ...getTextareaProps(fields.bodyEn), rows: 16, lang: 'en' }}
          />
        </fieldset>
        <div className="button-row">
          <button type="submit" name="intent" value="preview" className="button button-secondary">
            {t('sitePages.admin.preview')}
          </button>
          <button type="submit" name="intent" value="save" className="button">
            {t('sitePages.admin.save')}
          </button>
        </div>
      </Form>
      <section className="stack" aria-labelledby="history-title">
        <h2 id="history-title">{t('sitePages.admin.history')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sitePages.admin.version')}</th>
                <th scope="col">{t('sitePages.admin.updated')}</th>
                <th scope="col">{t('sitePages.admin.editor')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>{v.version}</td>
                  <td>{formatDateTime(v.created_at, 'Asia/Jakarta', lang)}</td>
                  <td>{v.editor ?? t('sitePages.admin.default')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.sitePageEdit') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
