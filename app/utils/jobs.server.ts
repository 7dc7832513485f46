import type { DB } from '#db/client.ts'
import { expireReservations } from '#app/domain/orders/orders.ts'

let timer: NodeJS.Timeout | undefined

/**
 * Background jobs of one server process. Safe with several processes on one database: each job
 * is idempotent (conditional updates), so two instances running it at once do no harm.
 */
export function startJobs(db: DB, everyMs = 60_000) {
  if (timer) return
  const tick = () => {
    expireReservations(db).catch((error: unknown) => console.error(`expireReservations failed: ${(error as Error).message}`))
  }
  tick()
  timer = setInterval(tick, everyMs)
  timer.unref()
}

export function stopJobs() {
  if (timer) clearInterval(timer)
  timer = undefined
}
