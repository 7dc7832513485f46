import { z } from 'zod'
import { COMMON_PASSWORDS } from './common-passwords.ts'

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

/** Length and a list of common passwords; no composition rules (QUALITY.md, ASVS). Runs in the browser too. */
export const passwordSchema = z
  .string({ error: 'password.required' })
  .min(PASSWORD_MIN, { error: 'password.tooShort' })
  .max(PASSWORD_MAX, { error: 'password.tooLong' })
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), { error: 'password.common' })
