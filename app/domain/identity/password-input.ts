// No zod here: the account pages put these on their password inputs (password-policy.ts holds the schema).
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

/** What the browser can check of a new password; the server's schema also refuses common ones. */
export const NEW_PASSWORD_INPUT = {
  id: 'password',
  name: 'password',
  type: 'password',
  required: true,
  minLength: PASSWORD_MIN,
  maxLength: PASSWORD_MAX,
  autoComplete: 'new-password',
} as const

/** The i18n keys the server's schema answers with, for what the browser finds wrong first. */
export const NEW_PASSWORD_MESSAGES = {
  password: { valueMissing: 'password.required', tooShort: 'password.tooShort', tooLong: 'password.tooLong' },
}
