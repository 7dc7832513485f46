import type { LegalDocumentKind, OrgType } from '#db/schema.ts'

/** The kinds of legal document a partner uploads, in the order they are listed (ADR 033). */
export const LEGAL_DOCUMENT_KINDS = ['akta', 'nib', 'npwp', 'other'] as const satisfies readonly LegalDocumentKind[]

/**
 * The documents an admin must see before verifying a partner (ADR 033):
 * - every partner: its NPWP card (each taxpayer, a person or an organisation, has one);
 * - every organisation: its deed of establishment (akta pendirian) or the decree that founded it;
 * - companies, cooperatives and media (business actors registered through OSS): their NIB.
 * "Other" documents are never required.
 */
export function requiredDocuments(orgType: OrgType): LegalDocumentKind[] {
  if (orgType === 'individual') return ['npwp']
  if (orgType === 'company' || orgType === 'cooperative' || orgType === 'media') return ['akta', 'nib', 'npwp']
  return ['akta', 'npwp']
}

/** Required kinds with no current document, in the listing order. */
export function missingDocuments(orgType: OrgType, present: readonly string[]): LegalDocumentKind[] {
  return requiredDocuments(orgType).filter((k) => !present.includes(k))
}
