import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ProductForm } from '#app/components/product-form.tsx'
import { ConfirmDialog } from '#app/components/ui/confirm-dialog.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { MAX_UPLOAD_BYTES, addProductImage, removeProductImage } from '#app/domain/catalog/images.server.ts'
import { StorageUnavailableError } from '#app/domain/uploads/storage.server.ts'
import {
  MAX_IMAGES,
  getProductForUpt,
  listProductImages,
  listSectors,
  updateProduct,
} from '#app/domain/catalog/products.ts'
import { ProductSchema } from '#app/domain/catalog/schemas.ts'
import { DomainError } from '#app/domain/errors.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { readForm, replyWithDomainError } from '#app/web/forms.server.ts'
import { pageTitle, useT } from '#app/web/i18n.tsx'
import { clientIp } from '#app/web/request.server.ts'
import { notFound, requireUptStaff } from '#app/web/guards.server.ts'

const RemoveSchema = z.object({ intent: z.literal('remove-image'), imageId: z.string().min(1).max(64) })
const AltSchema = z.string().trim().min(3).max(200)

async function load(request: Request, params: Record<string, string | undefined>) {
  const { upt, session } = await requireUptStaff(request, params.uptId)
  // A product of another UPT is not found here, whatever its id.
  const product = await getProductForUpt(getDb(), upt.id, params.productId ?? '')
  if (!product) notFound()
  return { upt, session, product }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { upt, product } = await load(request, params)
  const db = getDb()
  const [sectors, images] = await Promise.all([listSectors(db), listProductImages(db, product.id)])
  return { upt: { id: upt.id, name: upt.name }, product, sectors, images }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { upt, session, product } = await load(request, params)
  const base = `/upt/${upt.id}/products/${product.id}`
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
    return data({ upload: ['upload.tooLarge'] }, { status: 413 })
  }
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'upload') {
    const file = formData.get('image')
    const alt = AltSchema.safeParse(formData.get('alt') ?? '')
    if (!alt.success) return data({ upload: ['field.required'] }, { status: 400 })
    if (!(file instanceof File) || file.size === 0) return data({ upload: ['upload.empty'] }, { status: 400 })
    try {
      await addProductImage(getDb(), {
        productId: product.id,
        bytes: new Uint8Array(await file.arrayBuffer()),
        alt: alt.data,
      })
    } catch (error) {
      if (error instanceof DomainError)
        return data({ upload: [error.code] }, { status: error instanceof StorageUnavailableError ? 503 : 400 })
      throw error
    }
    throw redirect(base, { headers: { 'Set-Cookie': flashCookie('products.imageAdded') } })
  }
  if (intent === 'remove-image') {
    const v = RemoveSchema.safeParse(Object.fromEntries(formData))
    if (!v.success) notFound()
    let removed: boolean
    try {
      removed = await removeProductImage(getDb(), product.id, v.data.imageId)
    } catch (error) {
      if (error instanceof DomainError) return data({ upload: [error.code] }, { status: 400 })
      throw error
    }
    if (!removed) notFound()
    throw redirect(base, { headers: { 'Set-Cookie': flashCookie('products.imageRemoved') } })
  }
  const submission = parseWithZod(formData, { schema: ProductSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await updateProduct(getDb(), {
      ...submission.value,
      uptId: upt.id,
      productId: product.id,
      actorUserId: session.user.id,
      ip: clientIp(request),
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  throw redirect(base, { headers: { 'Set-Cookie': flashCookie('products.saved') } })
}

export default function EditProduct() {
  const t = useT()
  const { upt, product: p, sectors, images } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const removing = images.find((i) => i.id === params.get('removeImage'))
  const uploadErrors = result && 'upload' in result ? result.upload : null
  const formResult = result && !('upload' in result) ? result : undefined
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/upt/${upt.id}/products`}>{t('products.manage')}</Link>
      </p>
      <h1>{t('products.edit')}</h1>
      {p.status === 'published' ? (
        <p>
          <Link to={`/products/${p.slug}`}>{t('products.view')}</Link>
        </p>
      ) : null}
      <div className="grid-2">
        <ProductForm
          lastResult={formResult}
          sectors={sectors}
          defaults={{
            name: p.name,
            description: p.description,
            story: p.story ?? '',
            sectorId: p.sector_id,
            price: String(p.price),
            stockMode: p.stock_mode,
            stock: String(p.stock),
            leadTimeDays: p.lead_time_days ? String(p.lead_time_days) : '',
            unit: p.unit,
            weightGrams: String(p.weight_grams),
            status: p.status,
          }}
        />
        <section className="card stack" aria-labelledby="images-h">
          <h2 id="images-h">{t('products.images')}</h2>
          <p className="muted small">{t('products.imagesHint')}</p>
          {removing ? (
            <ConfirmDialog
              id="rm-q"
              question={t('products.removeImageConfirm')}
              fields={{ intent: 'remove-image', imageId: removing.id }}
              cancelTo="."
            >
              <img src={`/uploads/${removing.thumb_name}`} alt={removing.alt} width={120} height={120} />
            </ConfirmDialog>
          ) : null}
          <ul className="gallery-admin">
            {images.map((img) => (
              <li key={img.id}>
                <img src={`/uploads/${img.thumb_name}`} alt={img.alt} width={120} height={120} />
                <Link to={`?removeImage=${img.id}`}>
                  {t('products.removeImage')} <span className="visually-hidden">{img.alt}</span>
                </Link>
              </li>
            ))}
          </ul>
          {images.length < MAX_IMAGES ? (
            <Form method="post" encType="multipart/form-data" className="form">
              <FormErrors errors={uploadErrors} />
              <input type="hidden" name="intent" value="upload" />
              <div className="field">
                <label htmlFor="image">{t('products.image')}</label>
                <input id="image" name="image" type="file" accept="image/jpeg,image/png,image/webp" required />
              </div>
              <div className="field">
                <label htmlFor="alt">{t('products.imageAlt')}</label>
                <input id="alt" name="alt" type="text" required minLength={3} maxLength={200} defaultValue={p.name} />
              </div>
              <button type="submit" className="button button-secondary">
                {t('products.upload')}
              </button>
            </Form>
          ) : null}
        </section>
      </div>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'title.editProduct') }]

export { RouteErrorBoundary as ErrorBoundary } from '#app/components/route-error.tsx'
