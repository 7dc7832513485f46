import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useT } from '#app/web/i18n.tsx'

/** The report-month picker of the finance pages (a plain GET form); extra actions go after the button. */
export function MonthFilter({ month, children }: { month: string; children?: ReactNode }) {
  const t = useT()
  return (
    <Form method="get" className="filters no-print">
      <div className="field">
        <label htmlFor="month">{t('finance.month')}</label>
        <input id="month" name="month" type="month" defaultValue={month} />
      </div>
      <button type="submit" className="button button-secondary">
        {t('finance.show')}
      </button>
      {children}
    </Form>
  )
}
