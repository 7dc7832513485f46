import { Link, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { formatRupiah } from '#app/lib/format.ts'
import { useT } from '#app/web/i18n.tsx'

export function Money({ amount }: { amount: number }) {
  return <span className="money">{formatRupiah(amount)}</span>
}

const TONE: Record<string, string> = {
  verified: 'ok',
  active: 'ok',
  open: 'ok',
  paid: 'ok',
  completed: 'ok',
  published: 'ok',
  pending: 'warn',
  draft: 'muted',
  paused: 'warn',
  pending_payment: 'warn',
  rejected: 'bad',
  suspended: 'bad',
  cancelled: 'bad',
  expired: 'muted',
  closed: 'muted',
  allocated: 'ok',
  needs_review: 'bad',
}

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge badge-${TONE[status] ?? 'muted'}`}>{label ?? status}</span>
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  )
}

/** Page links that keep the current filters; works without JavaScript. */
export function Pagination({ page, pages, param = 'page' }: { page: number; pages: number; param?: string }) {
  const t = useT()
  const [params] = useSearchParams()
  if (pages <= 1) return null
  const href = (p: number) => {
    const next = new URLSearchParams(params)
    next.set(param, String(p))
    return `?${next.toString()}`
  }
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          ← {t('pagination.prev')}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span>{t('pagination.page', { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t('pagination.next')} →
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  )
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </div>
  )
}
