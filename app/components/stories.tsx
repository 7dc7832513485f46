import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import type { SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { CheckboxGroup } from '#app/components/partners.tsx'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { PHOTO_SLOTS, StorySchema } from '#app/domain/stories/schemas.ts'
import { formatDate } from '#app/lib/format.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface StoryDraft {
  id: string
  title: string
  summary: string
  body: string
  title_en: string | null
  summary_en: string | null
  program_id: string | null
  agreement_id: string | null
  productIds: string[]
  return_reason: string | null
  photos: { id: string; thumb_name: string; alt: string }[]
}

/**
 * Write or revise a story (one multipart form; works without JavaScript). The author links it
 * to a program (UPT staff only), an agreement and products from their own scope, adds up to
 * three photos with captions per submission, and must confirm that no inmate can be identified.
 */
export function StoryForm({
  lastResult,
  draft,
  programs,
  agreements,
  products,
  agreementRequired,
}: {
  lastResult?: SubmissionResult<string[]> | null
  draft?: StoryDraft | null
  programs?: { id: string; title: string }[]
  agreements: { id: string; label: string }[]
  products: { id: string; label: string }[]
  agreementRequired?: boolean
}) {
  const t = useT()
  const [form, f] = useForm({
    id: draft ? `story-${draft.id}` : 'story',
    lastResult,
    constraint: getZodConstraint(StorySchema),
    defaultValue: draft
      ? {
          title: draft.title,
          summary: draft.summary,
          body: draft.body,
          titleEn: draft.title_en ?? '',
          summaryEn: draft.summary_en ?? '',
          programId: draft.program_id ?? '',
          agreementId: draft.agreement_id ?? '',
        }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StorySchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onBlur',
  })
  const selectedProducts =
    (lastResult?.initialValue?.productIds as string[] | string | undefined) ?? draft?.productIds ?? []
  return (
    <Form method="post" encType="multipart/form-data" className="form card" {...getFormProps(form)}>
      <h2>{draft ? t('story.reviseTitle') : t('story.writeTitle')}</h2>
      {draft?.return_reason ? (
        <div className="alert alert-info">
          <p>
            <strong>{t('story.returnedBecause')}</strong> {draft.return_reason}
          </p>
        </div>
      ) : null}
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="story" />
      {draft ? <input type="hidden" name="storyId" value={draft.id} /> : null}
      <Field
        label={t('story.title')}
        errors={f.title.errors}
        errorId={f.title.errorId}
        inputProps={getInputProps(f.title, { type: 'text' })}
      />
      <TextareaField
        label={t('story.summary')}
        hint={t('story.summaryHint')}
        errors={f.summary.errors}
        errorId={f.summary.errorId}
        textareaProps={{ ...getTextareaProps(f.summary), rows: 3 }}
      />
      <TextareaField
        label={t('story.body')}
        hint={t('story.bodyHint')}
        errors={f.body.errors}
        errorId={f.body.errorId}
        textareaProps={{ ...getTextareaProps(f.body), rows: 12 }}
      />
      <fieldset className="stack">
        <legend>{t('story.english')}</legend>
        <p className="field-hint">{t('story.englishHint')}</p>
        <Field
          label={t('story.titleEn')}
          errors={f.titleEn.errors}
          errorId={f.titleEn.errorId}
          inputProps={{ ...getInputProps(f.titleEn, { type: 'text' }), lang: 'en' }}
        />
        <TextareaField
          label={t('story.summaryEn')}
          errors={f.summaryEn.errors}
          errorId={f.summaryEn.errorId}
          textareaProps={{ ...getTextareaProps(f.summaryEn), rows: 3, lang: 'en' }}
        />
      </fieldset>
      {programs ? (
        <SelectField
          label={t('story.program')}
          errors={f.programId.errors}
          errorId={f.programId.errorId}
          selectProps={getSelectPropsPlain(f.programId)}
          placeholder={t('story.none')}
          options={programs.map((p) => ({ value: p.id, label: p.title }))}
        />
      ) : null}
      <SelectField
        label={agreementRequired ? t('story.agreementRequiredLabel') : t('story.agreement')}
        errors={f.agreementId.errors}
        errorId={f.agreementId.errorId}
        selectProps={{ ...getSelectPropsPlain(f.agreementId), required: agreementRequired }}
        placeholder={agreementRequired ? '—' : t('story.none')}
        options={agreements.map((a) => ({ value: a.id, label: a.label }))}
      />
      {products.length ? (
        <CheckboxGroup
          legend={t('story.products')}
          name="productIds"
          options={products.map((p) => ({ value: p.id, label: p.label }))}
          selected={Array.isArray(selectedProducts) ? selectedProducts : [selectedProducts]}
          errors={f.productIds.errors}
          columns
        />
      ) : null}
      <fieldset className="stack">
        <legend>{t('story.photos')}</legend>
        <p className="field-hint">{t('story.photosHint')}</p>
        {draft?.photos.length ? (
          <ul className="story-thumbs" aria-label={t('story.photosKept')}>
            {draft.photos.map((p) => (
              <li key={p.id}>
                <img src={`/uploads/${p.thumb_name}`} alt={p.alt} width={160} height={90} />
              </li>
            ))}
          </ul>
        ) : null}
        {PHOTO_SLOTS.map((i) => {
          const alt = f[`photoAlt${i}`]
          const fileError = form.allErrors[`photo${i}`]
          return (
            <div className="story-photo-slot" key={i}>
              <div className="field">
                <label htmlFor={`story-photo${i}`}>{t('story.photoN', { n: i + 1 })}</label>
                <input
                  id={`story-photo${i}`}
                  name={`photo${i}`}
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  aria-invalid={fileError?.length ? true : undefined}
                  aria-describedby={fileError?.length ? `story-photo${i}-error` : undefined}
                />
                {fileError?.length ? (
                  <p className="field-error" id={`story-photo${i}-error`} role="alert">
                    {fileError.map((e) => t(e)).join(' ')}
                  </p>
                ) : null}
              </div>
              <Field
                label={t('story.photoAlt', { n: i + 1 })}
                errors={alt.errors}
                errorId={alt.errorId}
                inputProps={getInputProps(alt, { type: 'text' })}
              />
            </div>
          )
        })}
      </fieldset>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            name="confirmNoIdentification"
            value="on"
            required
            aria-invalid={f.confirmNoIdentification.errors?.length ? true : undefined}
            aria-describedby={f.confirmNoIdentification.errors?.length ? 'story-confirm-error' : undefined}
          />
          <span>{t('story.confirm')}</span>
        </label>
        {f.confirmNoIdentification.errors?.length ? (
          <p className="field-error" id="story-confirm-error" role="alert">
            {f.confirmNoIdentification.errors.map((e) => t(e)).join(' ')}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {t('story.submit')}
        </button>
        {draft ? <Link to=".">{t('form.cancel')}</Link> : null}
      </div>
    </Form>
  )
}

/** A select bound to a conform field without conform's own required/invalid attributes. */
function getSelectPropsPlain(field: { id: string; name: string; initialValue?: unknown; errorId: string }) {
  return {
    id: field.id,
    name: field.name,
    defaultValue: typeof field.initialValue === 'string' ? field.initialValue : '',
  }
}

export interface AuthorStory {
  id: string
  slug: string
  title: string
  status: string
  return_reason: string | null
  updated_at: string
  upt_name: string
}

/** The author's stories with their review status; a pending or returned one can be revised. */
export function AuthorStories({ stories }: { stories: AuthorStory[] }) {
  const t = useT()
  const lang = useLang()
  if (!stories.length) return <p className="muted">{t('story.noneYet')}</p>
  return (
    <ul className="cards">
      {stories.map((s) => (
        <li key={s.id} className="card stack">
          <h3>{s.status === 'published' ? <Link to={`/cerita/${s.slug}`}>{s.title}</Link> : s.title}</h3>
          <p>
            <span
              className={`badge badge-${s.status === 'published' ? 'ok' : s.status === 'returned' ? 'warn' : 'muted'}`}
            >
              {t(`story.status.${s.status}`)}
            </span>{' '}
            <span className="muted small">
              {formatDate(s.updated_at.slice(0, 10), lang)} · {s.upt_name}
            </span>
          </p>
          {s.status === 'returned' && s.return_reason ? (
            <p>
              <strong>{t('story.returnedBecause')}</strong> {s.return_reason}
            </p>
          ) : null}
          {s.status !== 'published' ? (
            <p>
              <Link to={`?edit=${s.id}#story-form`}>{t('story.revise')}</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** Title and summary in the interface's language (in app/lib so pages that only show stories need not load the story form's code). */
export { localised } from '#app/lib/story-lang.ts'
