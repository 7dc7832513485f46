import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useT } from '#app/web/i18n.tsx'

interface Base {
  label: ReactNode
  hint?: ReactNode
  /** i18n keys (zod messages are keys) or already-translated text */
  errors?: string[] | null
  errorId?: string
  className?: string
}

/** A field's error message, for markup that is not one of the fields below (a fieldset of choices). */
export function FieldError({ errors, id }: { errors?: string[] | null; id?: string }) {
  const t = useT()
  if (!errors?.length) return null
  return (
    <p className="field-error" id={id} role="alert">
      {errors.map((e) => t(e)).join(' ')}
    </p>
  )
}

function describedBy(id: string | undefined, props: { 'aria-describedby'?: string }, hint: boolean) {
  const ids = [props['aria-describedby'], hint && id ? `${id}-hint` : undefined].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

export function Field({
  label,
  hint,
  errors,
  errorId,
  className,
  inputProps,
}: Base & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const id = inputProps.id ?? inputProps.name
  const errId = errorId ?? `${id}-error`
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        id={id}
        aria-invalid={errors?.length ? true : inputProps['aria-invalid']}
        aria-describedby={describedBy(
          id,
          { 'aria-describedby': errors?.length ? errId : inputProps['aria-describedby'] },
          !!hint,
        )}
      />
      <FieldError errors={errors} id={errId} />
    </div>
  )
}

export function TextareaField({
  label,
  hint,
  errors,
  errorId,
  className,
  textareaProps,
}: Base & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const id = textareaProps.id ?? textareaProps.name
  const errId = errorId ?? `${id}-error`
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        rows={4}
        {...textareaProps}
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, { 'aria-describedby': errors?.length ? errId : undefined }, !!hint)}
      />
      <FieldError errors={errors} id={errId} />
    </div>
  )
}

export function SelectField({
  label,
  hint,
  errors,
  errorId,
  className,
  selectProps,
  options,
  placeholder,
}: Base & {
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  options: { value: string; label: string }[]
  placeholder?: string
}) {
  const id = selectProps.id ?? selectProps.name
  const errId = errorId ?? `${id}-error`
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        {...selectProps}
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, { 'aria-describedby': errors?.length ? errId : undefined }, !!hint)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError errors={errors} id={errId} />
    </div>
  )
}

/** A checkbox with its label after it ("I am sure", "in stock only"), and its error below. */
export function CheckField({
  label,
  hint,
  errors,
  errorId,
  className,
  inputProps,
}: Base & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const id = inputProps.id ?? inputProps.name
  const errId = errorId ?? `${id}-error`
  return (
    <div className={`field ${className ?? ''}`}>
      <div className="field-check">
        <input
          {...inputProps}
          type="checkbox"
          id={id}
          aria-invalid={errors?.length ? true : inputProps['aria-invalid']}
          aria-describedby={describedBy(
            id,
            { 'aria-describedby': errors?.length ? errId : inputProps['aria-describedby'] },
            !!hint,
          )}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError errors={errors} id={errId} />
    </div>
  )
}

/** Errors that belong to the whole form, not one field. */
export function FormErrors({ errors, id }: { errors?: string[] | null; id?: string }) {
  const t = useT()
  if (!errors?.length) return null
  return (
    <div className="alert alert-error" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  )
}

/** Hidden from people, tempting to bots: a filled-in value marks the submission as spam. */
export function Honeypot() {
  const t = useT()
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="website">{t('signup.website')}</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  )
}
