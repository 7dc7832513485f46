import { Form, type FormProps, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CheckField, FormErrors } from '#app/components/ui/field.tsx'
import { useT } from '#app/web/i18n.tsx'

/**
 * The question asked before a destructive or final step. It is a state of the page, not a popup:
 * a link adds a query (`?remove=<id>`, `?confirm=close`…), the loader or the component finds what
 * it names, and the page shows this block in place, so it works without JavaScript and the answer
 * is an ordinary POST. "Cancel" is a link back to the page without the query.
 *
 * `role="alertdialog"` named by the question. The form posts `fields` as hidden inputs, anything
 * given as children (a reason to type, a picture of what goes), and with `sure` a required
 * "I am sure" checkbox named `confirm` (value `on`) that the action insists on.
 */
export function ConfirmDialog({
  id,
  question,
  fields,
  confirmLabel,
  cancelTo,
  tone = 'danger',
  danger = tone === 'danger',
  sure,
  errors,
  action,
  formProps,
  children,
}: {
  /** id of the question, which names the dialog; unique on the page */
  id: string
  question: ReactNode
  /** hidden inputs (intent, the id it acts on) */
  fields: Record<string, string>
  /** the submit button; "Konfirmasi" when not given */
  confirmLabel?: ReactNode
  /** where "Batal" leads: the page without the confirming query */
  cancelTo: string
  /** red block for what cannot be undone, neutral for a final but wanted step */
  tone?: 'danger' | 'info'
  /** a red submit button (the default in a red block) */
  danger?: boolean
  /** the "I am sure" checkbox the action requires: its label, id and errors */
  sure?: { id: string; label: ReactNode; errors?: string[] | null }
  /** errors of the whole form (the action's answer) */
  errors?: string[] | null
  /** the action to post to, when it is not the page's own */
  action?: string
  /** more attributes for the form (conform's `getFormProps`) */
  formProps?: Omit<FormProps, 'method' | 'action' | 'children'>
  children?: ReactNode
}) {
  const t = useT()
  return (
    <div
      className={`alert ${tone === 'danger' ? 'alert-error' : 'alert-info'} confirm-dialog`}
      role="alertdialog"
      aria-labelledby={id}
    >
      <p id={id}>{question}</p>
      <Form method="post" action={action} className="confirm-form" {...formProps}>
        <FormErrors errors={errors} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        {sure ? (
          <CheckField
            label={sure.label}
            errors={sure.errors}
            inputProps={{ id: sure.id, name: 'confirm', value: 'on', required: true }}
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className={danger ? 'button button-danger' : 'button'}>
            {confirmLabel ?? t('common.confirm')}
          </button>
          <Link to={cancelTo}>{t('form.cancel')}</Link>
        </div>
      </Form>
    </div>
  )
}
