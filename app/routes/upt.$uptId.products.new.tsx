import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ProductForm } from '#app/components/product-form.tsx'
import { createProduct, listSectors } from '#app/domain/catalog/products.ts'
import { ProductSchema } from '#app/domain/catalog/schemas.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { requireUptStaff } from '#app/web/guards.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt } = await requireUptStaff(request, params.uptId)
  return { upt: { id: upt.id, name: upt.name }, sectors: await listSectors(getDb()) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session } = await requireUptStaff(request, params.uptId)
  const submission = parseWithZod(await readForm(request), { schema: ProductSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  let id: string
  try {
    ;({ id } = await createProduct(getDb(), {
      ...submission.value,
      uptId: upt.id,
      actorUserId: session.user.id,
      ip: clientIp(request),
    }))
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(`/upt/${upt.id}/products/${id}`, { headers: { 'Set-Cookie': flashCookie('products.saved') } })
}

export default function NewProduct() {
  const t = useT()
  const { upt, sectors } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}/products`}>{t('products.manage')}</Link>
      </p>
      <h1>{t('products.new')}</h1>
      <ProductForm
        lastResult={useActionData<typeof action>()}
        sectors={sectors}
        defaults={{ stockMode: 'stock', status: 'draft', unit: 'pcs', stock: '0', weightGrams: '0' }}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.newProduct') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
