/** Kinds of partner organisation. Kept free of zod so that browser code (directory filters) can list them. */
export const ORG_TYPES = [
  'company',
  'ngo',
  'cooperative',
  'university',
  'religious_social',
  'media',
  'individual',
] as const
