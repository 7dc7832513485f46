import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { LegalDocumentList } from '#app/components/legal-documents.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { DomainError, NotFoundError } from '#app/domain/errors.ts'
import { addLegalDocument, MAX_LEGAL_BYTES } from '#app/domain/partners/legal-documents.server.ts'
import { LEGAL_DOCUMENT_KINDS, requiredDocuments } from '#app/domain/partners/legal-rules.ts'
import { listLegalDocuments } from '#app/domain/partners/queries.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import type { LegalDocumentKind } from '#db/schema.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { requirePartner } from '#app/web/guards.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'

/** A partner's legal documents (ADR 033): listed, uploaded and replaced by any of its members. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { partner } = await requirePartner(request)
  const documents = await listLegalDocuments(getDb(), [partner.id])
  return {
    documents,
    required: requiredDocuments(partner.org_type),
    status: partner.status,
    replace: new URL(request.url).searchParams.get('replace'),
  }
}

type Refusal = { field: 'document' | 'kind' | 'replaceId'; message: string }

export async function action({ request }: ActionFunctionArgs) {
  const { session, partner } = await requirePartner(request)
  const refuse = (r: Refusal, status = 400) => data({ refusal: r }, { status })
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_LEGAL_BYTES + 64 * 1024)
    return refuse({ field: 'document', message: 'legalDoc.uploadTooLarge' }, 413)
  const form = await readForm(request)
  const file = form.get('document')
  const kind = form.get('kind')
  const replaceId = form.get('replaceId')
  if (!(file instanceof File) || file.size === 0) return refuse({ field: 'document', message: 'legalDoc.uploadEmpty' })
  try {
    await addLegalDocument(
      getDb(),
      {
        partnerId: partner.id,
        kind: typeof kind === 'string' && kind ? (kind as LegalDocumentKind) : null,
        replaceId: typeof replaceId === 'string' && replaceId ? replaceId.slice(0, 64) : null,
        bytes: new Uint8Array(await file.arrayBuffer()),
        originalName: file.name,
      },
      { userId: session.user.id, ip: clientIp(request) },
    )
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const field = (error.field ?? 'document') as Refusal['field']
    const status =
      error instanceof NotFoundError
        ? 404
        : error instanceof StorageUnavailableError
          ? 503
          : error.code === 'legalDoc.uploadTooLarge'
            ? 413
            : 400
    return refuse({ field, message: error.code }, status)
  }
  throw redirect('/partner/documents', { headers: { 'Set-Cookie': flashCookie('legalDoc.saved') } })
}

export default function PartnerDocumentsPage() {
  const t = useT()
  const { documents, required, status, replace } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const refusal = result?.refusal
  const replacing = documents.find((d) => d.id === replace)
  const errorsOf = (field: Refusal['field']) => (refusal?.field === field ? [refusal.message] : undefined)
  return (
    <div className="stack">
      <p>
        <Link to="/partner">← {t('partner.dashboard')}</Link>
      </p>
      <h1>{t('legalDoc.title')}</h1>
      <p className="lead">{t('legalDoc.intro')}</p>
      <p>
        {t('legalDoc.requiredFor')} {required.map((k) => t(`legalDoc.kind.${k}`)).join(', ')}.
        {status === 'pending' ? ` ${t('legalDoc.requiredPending')}` : ''}
      </p>
      <LegalDocumentList
        headingLevel="h2"
        documents={documents}
        required={required}
        replaceHref={(id) => `?replace=${id}#upload`}
      />
      <section aria-labelledby="upload" className="stack">
        <h2 id="upload">
          {replacing
            ? t('legalDoc.replaceTitle', { kind: t(`legalDoc.kind.${replacing.kind}`) })
            : t('legalDoc.upload')}
        </h2>
        <Form method="post" encType="multipart/form-data" className="form">
          <FormErrors errors={errorsOf('replaceId')} />
          {replacing ? (
            <input type="hidden" name="replaceId" value={replacing.id} />
          ) : (
            <SelectField
              label={t('legalDoc.kindLabel')}
              hint={t('legalDoc.kindHint')}
              errors={errorsOf('kind')}
              selectProps={{ id: 'kind', name: 'kind', required: true, defaultValue: '' }}
              placeholder="—"
              options={LEGAL_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`legalDoc.kind.${k}`) }))}
            />
          )}
          <Field
            label={t('legalDoc.file')}
            hint={t('legalDoc.fileHint')}
            errors={errorsOf('document')}
            inputProps={{
              id: 'document',
              name: 'document',
              type: 'file',
              accept: 'application/pdf,.pdf',
              required: true,
            }}
          />
          <div className="button-row">
            <button type="submit" className="button">
              {replacing ? t('legalDoc.replace') : t('legalDoc.upload')}
            </button>
            {replacing ? (
              <Link to="/partner/documents" className="button button-secondary">
                {t('form.cancel')}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.partnerDocuments') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
