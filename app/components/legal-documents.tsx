import { Link } from '@remix-run/react'
import { formatDateTime } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface LegalDocumentRow {
  id: string
  kind: string
  original_name: string | null
  size_bytes: number
  created_at: string
  uploadedBy: string
}

function size(bytes: number) {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`
}

/**
 * A partner's current legal documents with their download links (ADR 033), and the required
 * kinds still missing; the partner's own page offers "Ganti" on each, the admin's does not.
 */
export function LegalDocumentList({
  documents,
  required,
  replaceHref,
  headingLevel = 'h3',
}: {
  documents: LegalDocumentRow[]
  required: string[]
  replaceHref?: (id: string) => string
  headingLevel?: 'h2' | 'h3' | 'h4'
}) {
  const t = useT()
  const lang = useLang()
  const missing = required.filter((k) => !documents.some((d) => d.kind === k))
  const H = headingLevel
  return (
    <div className="stack">
      {missing.length ? (
        <p className="alert alert-warn">
          {t('legalDoc.missing')} {missing.map((k) => t(`legalDoc.kind.${k}`)).join(', ')}
        </p>
      ) : null}
      {documents.length === 0 ? (
        <p className="muted">{t('legalDoc.none')}</p>
      ) : (
        <ul className="stack legal-documents">
          {documents.map((d) => (
            <li key={d.id} className="card">
              <H>{t(`legalDoc.kind.${d.kind}`)}</H>
              {d.original_name ? <p className="pks-name">{d.original_name}</p> : null}
              <p className="muted">
                {t('legalDoc.uploadedBy', {
                  name: d.uploadedBy,
                  at: formatDateTime(d.created_at, 'Asia/Jakarta', lang),
                  size: size(d.size_bytes),
                })}
              </p>
              <p className="button-row">
                <a href={`/legal-documents/${d.id}`} download>
                  {t('legalDoc.download', { kind: t(`legalDoc.kind.${d.kind}`) })}
                </a>
                {replaceHref ? (
                  <Link
                    to={replaceHref(d.id)}
                    className="button button-secondary"
                    aria-label={t('legalDoc.replaceTitle', { kind: t(`legalDoc.kind.${d.kind}`) })}
                  >
                    {t('legalDoc.replace')}
                  </Link>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
