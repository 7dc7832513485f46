import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ProgramForm } from '#app/components/program-form.tsx'
import { createProgram } from '#app/domain/programs/manage.ts'
import { ProgramSchema } from '#app/domain/programs/schemas.ts'
import { listSectors } from '#app/domain/registry/reference.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { requireUptManager } from '#app/web/guards.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptManager(request, params.uptId ?? '')
  return { upt: { id: upt.id, name: upt.name }, sectors: await listSectors(getDb()) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, upt } = await requireUptManager(request, params.uptId ?? '')
  const submission = parseWithZod(await readForm(request), { schema: ProgramSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  let id: string
  try {
    id = (await createProgram(getDb(), upt.id, submission.value, { userId: session.user.id, ip: clientIp(request) })).id
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/upt/${upt.id}/programs/${id}`, { headers: { 'Set-Cookie': flashCookie('program.createdFlash') } })
}

export default function NewProgramPage() {
  const t = useT()
  const { upt, sectors } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="stack">
      <p>
        <Link to={`/upt/${upt.id}`}>← {upt.name}</Link>
      </p>
      <h1>{t('program.new')}</h1>
      <ProgramForm
        lastResult={lastResult}
        defaults={{ status: 'draft' }}
        sectors={sectors}
        submitLabel={t('form.save')}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.newProgram') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
