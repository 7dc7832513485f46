/**
 * The card fee the offline Stripe simulation charges (mocks and demo data): 2.9% + Rp 2.000,
 * in whole rupiah, returned in Stripe's minor units (rupiah x 100). Real fees come from Stripe.
 */
export const simulatedCardFeeMinor = (grossMinor: number) => (Math.round((grossMinor / 100) * 0.029) + 2000) * 100
