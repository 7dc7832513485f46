import { Link } from '@remix-run/react'
import { Money } from '#app/components/ui/misc.tsx'
import { useLang, useT } from '#app/web/i18n.tsx'

export interface ProductCardData {
  slug: string
  name: string
  price: number
  unit: string
  stock: number
  stock_mode: 'stock' | 'made_to_order'
  lead_time_days: number | null
  upt_name: string
  province_name: string
  sector_name_id: string
  sector_name_en: string
  thumb: string | null
}

export function Availability({ p }: { p: Pick<ProductCardData, 'stock' | 'stock_mode' | 'lead_time_days'> }) {
  const t = useT()
  if (p.stock_mode === 'made_to_order')
    return <span className="badge badge-muted">{t('catalog.madeToOrder', { days: p.lead_time_days ?? 0 })}</span>
  return p.stock > 0 ? (
    <span className="badge badge-ok">{t('catalog.inStockCount', { stock: p.stock })}</span>
  ) : (
    <span className="badge badge-bad">{t('catalog.soldOut')}</span>
  )
}

export function ProductCard({ p }: { p: ProductCardData }) {
  const t = useT()
  const lang = useLang()
  return (
    <li className="card product-card">
      {p.thumb ? (
        <img src={`/uploads/${p.thumb}`} alt="" width={400} height={400} loading="lazy" className="product-thumb" />
      ) : (
        <div className="product-thumb product-thumb-empty" aria-hidden="true" />
      )}
      <h2 className="product-title">
        <Link to={`/products/${p.slug}`}>{p.name}</Link>
      </h2>
      <p className="product-price">
        <Money amount={p.price} /> <span className="muted">{t('catalog.perUnit', { unit: p.unit })}</span>
      </p>
      <p className="muted small">
        {lang === 'en' ? p.sector_name_en : p.sector_name_id} · {p.upt_name}, {p.province_name}
      </p>
      <Availability p={p} />
    </li>
  )
}
