import { z } from 'zod'
import { SUPPORT_KINDS } from './kinds.ts'

const opt = <T extends z.ZodType>(s: T) => s.optional().catch(undefined)
/**
 * Directory query strings: unknown or malformed values are dropped rather than answered with an
 * error, so a shared link with a stale filter still shows a page.
 */
export const DirectoryQuery = z.object({
  q: opt(
    z
      .string()
      .trim()
      .max(100)
      .transform((v) => v || undefined),
  ),
  kind: opt(z.enum(SUPPORT_KINDS)),
  sector: opt(z.string().regex(/^[a-z_]{2,40}$/)),
  province: opt(z.string().regex(/^\d{2}$/)),
  uptType: opt(z.enum(['lapas', 'rutan', 'lpka', 'bapas'])),
  level: opt(z.enum(['super_maximum', 'maximum', 'medium', 'minimum'])),
  orgType: opt(z.enum(['company', 'ngo', 'cooperative', 'university', 'religious_social', 'media', 'individual'])),
  sort: opt(z.enum(['newest', 'ending', 'capacity', 'neededBy', 'title'])),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})
export type DirectoryQuery = z.infer<typeof DirectoryQuery>

export function parseDirectoryQuery(url: URL): DirectoryQuery {
  return DirectoryQuery.parse(Object.fromEntries(url.searchParams))
}
