import type { Submission } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { passwordSchema } from '#app/domain/identity/password-policy.ts'
import { SignupSchema, emailSchema, nameSchema } from '#app/domain/identity/schemas.ts'

// Server-only (the .server suffix keeps zod out of the account pages' JavaScript): the pages
// check what HTML can (required, minlength, type=email) and show these schemas' answers.
const redirectTo = z.string().optional()
const ACCOUNT_FORMS = {
  signup: SignupSchema,
  login: z.object({
    email: z
      .string({ error: 'field.required' })
      .trim()
      .email({ error: 'field.email' })
      .max(254, { error: 'field.tooLong' }),
    password: z.string({ error: 'password.required' }).max(1024, { error: 'field.tooLong' }),
    redirectTo,
  }),
  totp: z.object({
    code: z
      .string({ error: 'field.required' })
      .trim()
      .regex(/^\d{6}$/, { error: 'totp.invalid' }),
    redirectTo,
  }),
  forgotPassword: z.object({ email: emailSchema }),
  resetPassword: z.object({ password: passwordSchema }),
  /** Accepting an invitation: a new account names itself and chooses a password… */
  inviteNewUser: z.object({ name: nameSchema, password: passwordSchema }),
  /** …an existing one proves it is the invitee with its current password. */
  inviteExistingUser: z.object({ password: z.string({ error: 'password.required' }).max(1024) }),
}

type AccountForms = typeof ACCOUNT_FORMS
export type AccountForm = keyof AccountForms

/** One parser for every account form: `submission.reply()` goes back to the page as before. */
export function parseAccountForm<F extends AccountForm>(
  form: F,
  formData: FormData,
): Submission<z.input<AccountForms[F]>, string[], z.output<AccountForms[F]>> {
  // TypeScript cannot follow an indexed schema through parseWithZod's generics; the result is that schema's.
  return parseWithZod(formData, { schema: ACCOUNT_FORMS[form] as z.ZodType }) as Submission<
    z.input<AccountForms[F]>,
    string[],
    z.output<AccountForms[F]>
  >
}
