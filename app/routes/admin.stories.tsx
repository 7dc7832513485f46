import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { EmptyState } from '#app/components/ui/misc.tsx'
import { ReturnSchema } from '#app/domain/stories/schemas.ts'
import { reviewQueue } from '#app/domain/stories/queries.server.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { reviewStoryForm } from '#app/web/actions/story.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { requireAdmin } from '#app/web/guards.server.ts'
import { pageTitle, useLang, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { kanwilId } = await requireAdmin(request)
  return { stories: await reviewQueue(getDb(), kanwilId) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, kanwilId } = await requireAdmin(request)
  return reviewStoryForm(request, { kanwilId }, { userId: session.user.id, ip: clientIp(request) })
}

type Pending = Awaited<ReturnType<typeof loader>>['stories'][number]

export default function ReviewStories() {
  const t = useT()
  const { stories } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/admin">{t('nav.admin')}</Link>
      </p>
      <h1>{t('story.reviewTitle')}</h1>
      <p className="lead">{t('story.reviewIntro')}</p>
      {stories.length === 0 ? <EmptyState title={t('story.reviewEmpty')} /> : null}
      {stories.map((s) => (
        <PendingStory
          key={s.id}
          s={s}
          result={(result?.initialValue as { storyId?: string } | undefined)?.storyId === s.id ? result : undefined}
        />
      ))}
    </div>
  )
}

function PendingStory({ s, result }: { s: Pending; result?: SubmissionResult<string[]> }) {
  const t = useT()
  const lang = useLang()
  const [form, f] = useForm({
    id: `return-${s.id}`,
    lastResult: result,
    constraint: getZodConstraint(ReturnSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReturnSchema }),
    shouldRevalidate: 'onBlur',
  })
  const reasonField = f.reason
  return (
    <article className="card stack" aria-labelledby={`story-${s.id}`}>
      <h2 id={`story-${s.id}`}>{s.title}</h2>
      <p className="muted small">
        {t('story.byline', {
          author: s.partner_name ? `${s.author_name} (${s.partner_name})` : s.author_name,
          upt: s.upt_name,
          at: formatDateTime(s.updated_at, 'Asia/Jakarta', lang),
        })}
      </p>
      <p className="lead">{s.summary}</p>
      {s.title_en ? (
        <p lang="en">
          <strong>EN:</strong> {s.title_en}
          {s.summary_en ? ` — ${s.summary_en}` : ''}
        </p>
      ) : null}
      {s.photos.length ? (
        <ul className="story-thumbs" aria-label={t('story.photos')}>
          {s.photos.map((p) => (
            <li key={p.file_name}>
              <a href={`/uploads/${p.file_name}`}>
                <img src={`/uploads/${p.thumb_name}`} alt={p.alt} width={160} height={90} />
              </a>
              <span className="small">{p.alt}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="story-body prose" dangerouslySetInnerHTML={{ __html: s.html }} />
      <p className="alert alert-info">{t('story.reviewCheck')}</p>
      <FormErrors errors={form.errors} />
      <div className="button-row">
        <Form method="post">
          <input type="hidden" name="intent" value="approve" />
          <input type="hidden" name="storyId" value={s.id} />
          <button type="submit" className="button">
            {t('story.approve')}
          </button>
        </Form>
      </div>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="return" />
        <input type="hidden" name="storyId" value={s.id} />
        <TextareaField
          label={t('story.returnReason')}
          hint={t('story.returnReasonHint')}
          errors={reasonField.errors}
          errorId={reasonField.errorId}
          textareaProps={{ ...getTextareaProps(reasonField), rows: 3 }}
        />
        <div className="button-row">
          <button type="submit" className="button button-secondary">
            {t('story.sendBack')}
          </button>
        </div>
      </Form>
    </article>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.adminStories') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
