import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { listOutbox } from '#app/integrations/email.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { notFound } from '#app/web/guards.server.ts'

// Demo only: in production this page does not exist (emails may hold secret links).
export async function loader(_args: LoaderFunctionArgs) {
  if (getEnv().mode !== 'demo') notFound()
  return { emails: await listOutbox(getDb(), 50) }
}

export default function OutboxPage() {
  const t = useT()
  const lang = useLang()
  const { emails } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <h1>{t('outbox.title')}</h1>
      <p className="lead">{t('outbox.intro')}</p>
      {emails.length === 0 ? (
        <EmptyState title={t('outbox.empty')} />
      ) : (
        emails.map((e) => (
          <article key={e.id} className="card" data-testid="email">
            <h2>{e.subject}</h2>
            <p className="muted">
              → <span data-testid="email-to">{e.to_address}</span> ·{' '}
              {formatDateTime(e.created_at, 'Asia/Jakarta', lang)}
            </p>
            <pre className="secret">{linkify(e.text_body)}</pre>
          </article>
        ))
      )}
    </div>
  )
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.outbox') }]
