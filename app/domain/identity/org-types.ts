/** Kinds of partner organisation. Kept apart from the zod schemas: public pages list them. */
export const ORG_TYPES = ['company', 'ngo', 'cooperative', 'university', 'religious_social', 'media', 'individual'] as const
