import { type FormEvent, useEffect, useState } from 'react'

/** What an action sends back from `submission.reply()` (conform's SubmissionResult), as far as a page reads it. */
export interface FormReply {
  initialValue?: Record<string, unknown> | null
  error?: Record<string, string[] | null> | null
}

type Problem = 'valueMissing' | 'typeMismatch' | 'tooShort' | 'tooLong' | 'patternMismatch'
/** i18n keys for what the browser finds wrong, by field name; a field without its own uses the defaults. */
export type ValidityMessages = Record<string, Partial<Record<Problem, string>>>
const DEFAULTS: Record<Problem, string> = {
  valueMissing: 'field.required',
  typeMismatch: 'field.email',
  tooShort: 'field.required',
  tooLong: 'field.tooLong',
  patternMismatch: 'field.invalid',
}
const PROBLEMS = Object.keys(DEFAULTS) as Problem[]

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
type Errors = Record<string, string[] | null>

function isControl(el: unknown): el is Control {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
}

function problemOf(el: Control, messages: ValidityMessages): string[] | null {
  if (el.validity.valid) return null
  const problem = PROBLEMS.find((p) => el.validity[p]) ?? 'valueMissing'
  return [messages[el.name]?.[problem] ?? DEFAULTS[problem]]
}

export const FORM_ERROR_ID = 'form-error'

/**
 * A form without a form library, so public pages ship neither conform nor zod. The server's reply
 * (field errors, form errors, values typed before a page load) is shown next to the fields. Once
 * JavaScript runs, the browser's own checks (required, minlength, type=email…) are shown the same
 * way before anything is sent, and a field with an error is checked again as it changes. Without
 * JavaScript the browser checks the same attributes and the server answers the rest.
 */
export function usePlainForm(reply: FormReply | null | undefined, messages: ValidityMessages = {}) {
  const [noValidate, setNoValidate] = useState(false)
  useEffect(() => setNoValidate(true), [])
  const [local, setLocal] = useState<{ reply: typeof reply; errors: Errors } | null>(null)
  const errors: Errors = local && local.reply === reply ? local.errors : (reply?.error ?? {})

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const invalid = [...event.currentTarget.elements]
      .filter(isControl)
      .filter((el) => el.name && el.willValidate && !el.validity.valid)
    if (invalid.length === 0) return
    event.preventDefault()
    setLocal({ reply, errors: Object.fromEntries(invalid.map((el) => [el.name, problemOf(el, messages)])) })
    invalid[0]!.focus()
  }

  function onInput(event: FormEvent<HTMLFormElement>) {
    const el = event.target
    if (!isControl(el) || !el.name || !errors[el.name]?.length) return
    setLocal({ reply, errors: { ...errors, [el.name]: problemOf(el, messages) } })
  }

  return {
    formProps: { noValidate, onSubmit, onInput, 'aria-describedby': errors['']?.length ? FORM_ERROR_ID : undefined },
    /** Errors for a field, or for the whole form with no name. */
    errors: (name = '') => errors[name] ?? null,
    /** What was typed before the page came back from the server (never a password). */
    value: (name: string) => {
      const v = reply?.initialValue?.[name]
      return typeof v === 'string' ? v : undefined
    },
    /** The same for a group of checkboxes sharing one name. */
    values: (name: string): string[] => {
      const v = reply?.initialValue?.[name]
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []
    },
  }
}
