import { z } from 'zod'

/** The forms of a UPT's payments page, told apart by `intent`. */
export const BankAccountSchema = z.object({
  intent: z.literal('bank'),
  bankName: z
    .string({ error: 'field.required' })
    .trim()
    .min(2, { error: 'field.required' })
    .max(80, { error: 'field.tooLong' }),
  accountNumber: z
    .string({ error: 'field.required' })
    .trim()
    .regex(/^\d{6,20}$/, { error: 'finance.accountNumberInvalid' }),
  accountHolder: z
    .string({ error: 'field.required' })
    .trim()
    .min(2, { error: 'field.required' })
    .max(120, { error: 'field.tooLong' }),
})
export const ConfirmTransferSchema = z.object({ intent: z.literal('confirm'), paymentId: z.string().min(1).max(64) })
export const RejectTransferSchema = z.object({
  intent: z.literal('reject'),
  paymentId: z.string().min(1).max(64),
  reason: z
    .string({ error: 'field.required' })
    .trim()
    .min(3, { error: 'field.required' })
    .max(300, { error: 'field.tooLong' }),
})
export const PaymentSettingsSchema = z.object({
  intent: z.literal('settings'),
  fourEyesThreshold: z.coerce
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .min(0, { error: 'field.invalid' })
    .max(1_000_000_000_000, { error: 'field.invalid' }),
  transferDeadlineHours: z.coerce
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .min(1, { error: 'field.invalid' })
    .max(168, { error: 'field.invalid' }),
})
export const PaymentsActionSchema = z.discriminatedUnion('intent', [
  BankAccountSchema,
  ConfirmTransferSchema,
  RejectTransferSchema,
  PaymentSettingsSchema,
])
