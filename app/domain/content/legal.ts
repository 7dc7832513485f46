/**
 * The version of the terms (`/info/syarat-ketentuan`) and the privacy policy
 * (`/info/kebijakan-privasi`) a user accepts at sign-up (ADR 033). Bump it when either changes in
 * substance: every signed-in partner and buyer is then asked to accept again before going on.
 * A typo fix saved on /admin/pages does not bump it. Free of imports so any page may read it.
 */
export const LEGAL_VERSION = '2026-12-07'

/** The trust pages the consent covers, linked from the sign-up form and the consent page. */
export const LEGAL_PAGES = { terms: '/info/syarat-ketentuan', privacy: '/info/kebijakan-privasi' } as const
