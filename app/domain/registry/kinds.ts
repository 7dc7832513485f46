/** The five kinds of partner support (DOMAIN.md), in the order people know them. */
export const SUPPORT_KINDS = ['capital', 'training', 'expert', 'absorption', 'publication'] as const
export type SupportKind = (typeof SUPPORT_KINDS)[number]
