import { z } from 'zod'
import { COMMON_PASSWORDS } from './common-passwords.ts'
import { PASSWORD_MAX, PASSWORD_MIN } from './password-input.ts'

/** Length and a list of common passwords; no composition rules (docs/quality.md, Security; ASVS). The browser checks the length (password-input.ts); the server checks all of it. */
export const passwordSchema = z
  .string({ error: 'password.required' })
  .min(PASSWORD_MIN, { error: 'password.tooShort' })
  .max(PASSWORD_MAX, { error: 'password.tooLong' })
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), { error: 'password.common' })
