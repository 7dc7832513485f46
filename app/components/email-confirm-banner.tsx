import { Form } from '@remix-run/react'
import { useT } from '#app/web/i18n.tsx'

/**
 * Shown to a signed-in user whose address is not confirmed yet (ADR 033): what it holds back, and
 * a button that sends a new link (POST /verify-email, limited). Works without JavaScript.
 */
export function EmailConfirmBanner({ email, partner }: { email: string; partner?: boolean }) {
  const t = useT()
  return (
    <div className="alert alert-info stack" role="note" aria-labelledby="email-confirm-title">
      <p>
        <strong id="email-confirm-title">{t('verifyEmail.bannerTitle')}</strong>{' '}
        {t(partner ? 'verifyEmail.bannerPartner' : 'verifyEmail.bannerBuyer', { email })}
      </p>
      <Form method="post" action="/verify-email" className="button-row">
        <button type="submit" className="button button-secondary">
          {t('verifyEmail.resend')}
        </button>
      </Form>
    </div>
  )
}
