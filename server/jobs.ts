import { createDb } from '../db/client.ts'
import { expireOffers } from '../app/domain/offers/offers.ts'
import { expireProposals } from '../app/domain/agreements/agreements.ts'

const HOUR = 60 * 60 * 1000

/**
 * Periodic housekeeping. Each task is an idempotent conditional UPDATE, so several app
 * instances may run it at once. Today: offers past their validity and unanswered proposals past 14 days become `expired`.
 */
export function startJobs(databasePath: string) {
  const { db } = createDb(databasePath)
  const run = async () => {
    try {
      const n = await expireOffers(db)
      if (n > 0) console.log(`Jobs: ${n} offer(s) expired`)
      const p = await expireProposals(db)
      if (p > 0) console.log(`Jobs: ${p} proposal(s) expired`)
    } catch (error) {
      console.error(`Jobs: expiring offers failed: ${(error as Error).message}`)
    }
  }
  void run()
  const timer = setInterval(run, HOUR)
  timer.unref()
  return () => {
    clearInterval(timer)
    void db.destroy()
  }
}
