import type { Insertable } from 'kysely'
import type { PaymentsTable } from '#db/schema.ts'
import { newId } from '#app/lib/ids.ts'

type NewPayment = Insertable<PaymentsTable>
/** What every payment attempt must say; the rest defaults to "nothing happened yet". */
type PaymentEssentials = Pick<
  NewPayment,
  'order_id' | 'method' | 'status' | 'amount' | 'reference' | 'deadline' | 'created_at'
>

/**
 * A full `payments` row for a new attempt: no sub-order, UPT, provider, unique code, session,
 * proof, confirmation, decision or refund; first attempt; a fresh id; `updated_at` equal to
 * `created_at`. Callers override what their method knows.
 */
export function newPaymentRow(overrides: PaymentEssentials & Partial<NewPayment>): NewPayment {
  return {
    sub_order_id: null,
    upt_id: null,
    provider: null,
    unique_code: null,
    attempt: 1,
    provider_session_id: null,
    provider_url: null,
    provider_payment_intent_id: null,
    amount_received: null,
    received_minor: null,
    received_currency: null,
    amount_refunded: 0,
    flag_reason: null,
    proof_file: null,
    proof_uploaded_at: null,
    first_confirmed_by: null,
    first_confirmed_at: null,
    decided_by: null,
    decided_at: null,
    reject_reason: null,
    paid_at: null,
    ...overrides,
    id: overrides.id ?? newId(),
    updated_at: overrides.updated_at ?? overrides.created_at,
  }
}
