import type { SubOrderStatus } from '#db/schema.ts'

/**
 * The sub-order state machine, pure. Stock is reserved at checkout (pending_payment) and stays
 * taken while the goods may still leave the UPT; it returns exactly once, when a sub-order that
 * still holds it ends without shipping (expired, cancelled, refunded before shipping).
 */
export type SubOrderEvent = 'pay' | 'expire' | 'cancel' | 'process' | 'ship' | 'complete' | 'refund'

export const SUB_ORDER_EVENTS: SubOrderEvent[] = ['pay', 'expire', 'cancel', 'process', 'ship', 'complete', 'refund']

const TABLE: Record<SubOrderStatus, Partial<Record<SubOrderEvent, SubOrderStatus>>> = {
  pending_payment: { pay: 'paid', expire: 'expired', cancel: 'cancelled' },
  paid: { process: 'processing', cancel: 'cancelled', refund: 'refunded' },
  processing: { ship: 'shipped', cancel: 'cancelled', refund: 'refunded' },
  shipped: { complete: 'completed', refund: 'refunded' },
  completed: { refund: 'refunded' },
  cancelled: {},
  expired: {},
  refunded: {},
}

/** States in which the reserved stock is still counted out of the shelf. */
const HOLDS_STOCK: ReadonlySet<SubOrderStatus> = new Set(['pending_payment', 'paid', 'processing'])
export const TERMINAL: ReadonlySet<SubOrderStatus> = new Set(['cancelled', 'expired', 'refunded'])

export interface Transition {
  from: SubOrderStatus
  to: SubOrderStatus
  /** true when this step puts the reserved stock back on the shelf */
  releasesStock: boolean
}

export function transition(from: SubOrderStatus, event: SubOrderEvent): Transition | null {
  const to = TABLE[from][event]
  if (!to) return null
  return { from, to, releasesStock: HOLDS_STOCK.has(from) && !HOLDS_STOCK.has(to) && to !== 'shipped' }
}

export function canApply(from: SubOrderStatus, event: SubOrderEvent): boolean {
  return transition(from, event) !== null
}

/** Events UPT staff may trigger from the fulfilment screen, for the current status. */
export function staffEvents(from: SubOrderStatus): SubOrderEvent[] {
  return (['process', 'ship', 'complete', 'cancel'] as const).filter((e) => canApply(from, e))
}

export const ALL_STATUSES = Object.keys(TABLE) as SubOrderStatus[]
