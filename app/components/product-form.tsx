import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { ProductSchema } from '#app/domain/catalog/schemas.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface ProductFormDefaults {
  name?: string
  description?: string
  story?: string
  sectorId?: string
  price?: string
  stockMode?: string
  stock?: string
  leadTimeDays?: string
  unit?: string
  weightGrams?: string
  status?: string
}

export function ProductForm({
  lastResult,
  sectors,
  defaults,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  sectors: { id: string; name_id: string; name_en: string }[]
  defaults: ProductFormDefaults
}) {
  const t = useT()
  const lang = useLang()
  const [form, fields] = useForm({
    id: 'product',
    lastResult,
    constraint: getZodConstraint(ProductSchema),
    defaultValue: defaults,
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProductSchema }),
  })
  return (
    <Form method="post" className="form card" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <Field
        label={t('products.name')}
        errors={fields.name.errors}
        errorId={fields.name.errorId}
        inputProps={getInputProps(fields.name, { type: 'text' })}
      />
      <SelectField
        label={t('catalog.category')}
        errors={fields.sectorId.errors}
        errorId={fields.sectorId.errorId}
        selectProps={getSelectProps(fields.sectorId)}
        placeholder="—"
        options={sectors.map((s) => ({ value: s.id, label: lang === 'en' ? s.name_en : s.name_id }))}
      />
      <TextareaField
        label={t('products.description')}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
        textareaProps={getTextareaProps(fields.description)}
      />
      <TextareaField
        label={t('products.story')}
        hint={t('products.storyHint')}
        errors={fields.story.errors}
        errorId={fields.story.errorId}
        textareaProps={getTextareaProps(fields.story)}
      />
      <div className="grid-2">
        <Field
          label={t('products.price')}
          errors={fields.price.errors}
          errorId={fields.price.errorId}
          inputProps={{ ...getInputProps(fields.price, { type: 'number' }), step: 1, inputMode: 'numeric' }}
        />
        <Field
          label={t('products.unit')}
          errors={fields.unit.errors}
          errorId={fields.unit.errorId}
          inputProps={getInputProps(fields.unit, { type: 'text' })}
        />
      </div>
      <SelectField
        label={t('products.stockMode')}
        errors={fields.stockMode.errors}
        errorId={fields.stockMode.errorId}
        selectProps={getSelectProps(fields.stockMode)}
        options={[
          { value: 'stock', label: t('products.stockMode.stock') },
          { value: 'made_to_order', label: t('products.stockMode.made_to_order') },
        ]}
      />
      <div className="grid-2">
        <Field
          label={t('products.stock')}
          errors={fields.stock.errors}
          errorId={fields.stock.errorId}
          inputProps={{ ...getInputProps(fields.stock, { type: 'number' }), step: 1 }}
        />
        <Field
          label={t('products.leadTime')}
          errors={fields.leadTimeDays.errors}
          errorId={fields.leadTimeDays.errorId}
          inputProps={{ ...getInputProps(fields.leadTimeDays, { type: 'number' }), step: 1 }}
        />
      </div>
      <Field
        label={t('products.weight')}
        errors={fields.weightGrams.errors}
        errorId={fields.weightGrams.errorId}
        inputProps={{ ...getInputProps(fields.weightGrams, { type: 'number' }), step: 1 }}
      />
      <SelectField
        label={t('products.status')}
        errors={fields.status.errors}
        errorId={fields.status.errorId}
        selectProps={getSelectProps(fields.status)}
        options={(['draft', 'published', 'archived'] as const).map((s) => ({
          value: s,
          label: t(`products.status.${s}`),
        }))}
      />
      <button type="submit" className="button">
        {t('form.save')}
      </button>
    </Form>
  )
}
