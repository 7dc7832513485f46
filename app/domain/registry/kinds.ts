/** The five kinds of partner support (docs/domain.md, section 2), in the order people know them. */
export const SUPPORT_KINDS = ['capital', 'training', 'expert', 'absorption', 'publication'] as const
export type SupportKind = (typeof SUPPORT_KINDS)[number]

/**
 * The floor no setting can lift (ADR 016): children in an LPKA get education and training, never
 * production work, so an LPKA never receives production capital or offtake of its output,
 * whatever `support_kind_settings` say. Checked by the matching engine, need creation,
 * proposals and agreements, and the settings form.
 */
export const NEVER_ALLOWED: Readonly<Record<string, readonly SupportKind[]>> = { lpka: ['capital', 'absorption'] }

export function neverAllowed(uptType: string, kind: SupportKind): boolean {
  return NEVER_ALLOWED[uptType]?.includes(kind) ?? false
}
