import { useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { readCartCount } from '#app/lib/cart-count.ts'
import { useT } from '#app/web/i18n.tsx'

/**
 * The cart's item count next to "Keranjang", read from the count cookie once the page runs in the
 * browser and again after every navigation or form answer (ADR 021). The server renders nothing
 * here, so a cached page never carries one visitor's count to another.
 */
export function CartCount() {
  const t = useT()
  const location = useLocation()
  const navigation = useNavigation()
  const [count, setCount] = useState(0)
  useEffect(() => {
    if (navigation.state === 'idle') setCount(readCartCount(document.cookie))
  }, [location.key, navigation.state])
  if (count === 0) return null
  return (
    <span className="cart-count" data-testid="cart-count">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('nav.cartCount', { count })}</span>
    </span>
  )
}
