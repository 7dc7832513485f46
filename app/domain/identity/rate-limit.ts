import { sql } from 'kysely'
import type { DB } from '#db/client.ts'

export interface RateLimitResult {
  allowed: boolean
  count: number
  retryAfterSeconds: number
}

/**
 * Fixed-window counter kept in the database, so every app instance shares it. One atomic
 * upsert per hit; old windows are pruned now and then.
 */
export async function hitRateLimit(
  db: DB,
  key: string,
  limit: number,
  windowSeconds: number,
  now = Date.now(),
): Promise<RateLimitResult> {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow()
  if (Math.random() < 0.01) {
    await db
      .deleteFrom('rate_limits')
      .where('window_start', '<', windowStart - 3600)
      .execute()
  }
  return {
    allowed: row.count <= limit,
    count: row.count,
    retryAfterSeconds: windowStart + windowSeconds - Math.floor(now / 1000),
  }
}
