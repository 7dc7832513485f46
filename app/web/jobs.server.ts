import type { DB } from '#db/client.ts'
import { expireProposals } from '#app/domain/agreements/lifecycle.ts'
import { expireOffers } from '#app/domain/offers/lifecycle.ts'
import { expireReservationsAndNotify } from '#app/domain/orders/notify.server.ts'
import { stripeCredentials } from '#app/integrations/payments/stripe.server.ts'
import { allocatePendingPayouts } from '#app/integrations/stripe-payouts.server.ts'
import { deliverDueEmails } from '#app/integrations/email.server.ts'
import { sweepOrphanUploads } from '#app/domain/uploads/sweep.server.ts'
import { queueWorkDigests } from '#app/domain/work/digest.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { log } from '#app/lib/log.server.ts'

let timers: NodeJS.Timeout[] = []

/** The work digest goes out in the morning, Asia/Jakarta. */
const DIGEST_FROM_HOUR = 6
const jakartaHour = (now = new Date()) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', hourCycle: 'h23' }).format(now))

/**
 * Background jobs of one server process. Safe with several processes on one database: each job
 * is idempotent (conditional updates), so two instances running it at once do no harm.
 * - every minute: unpaid orders past their reservation expire, their stock returns and the buyer
 *   is emailed (once, after the commit);
 * - every hour: offers past their validity and proposals unanswered for 14 days become `expired`;
 * - every minute: queued emails not yet delivered (or due for a retry after a failure) are sent;
 * - every hour: proof and PKS files a day old that no row names (a crash between writing the file
 *   and its row) are removed;
 * - every 10 minutes (when Stripe is configured): recorded payouts still pending are allocated;
 * - every hour from 06:00 Asia/Jakarta (first run an hour after start): the daily work digest of
 *   each person who has something waiting and has not switched it off, once a day each.
 */
export function startJobs(db: DB, everyMs = 60_000) {
  if (timers.length) return
  const every = (ms: number, name: string, job: () => Promise<unknown>, o: { atStart?: boolean } = {}) => {
    const tick = () => {
      job().catch((error: unknown) => log.error({ err: error, job: name }, `job ${name} failed`))
    }
    if (o.atStart !== false) tick()
    const t = setInterval(tick, ms)
    t.unref()
    timers.push(t)
  }
  every(everyMs, 'expireReservations', () => expireReservationsAndNotify(db, { appUrl: getEnv().appUrl }))
  every(everyMs, 'deliverEmails', () => deliverDueEmails(db))
  every(60 * everyMs, 'expireOffers', () => expireOffers(db))
  every(60 * everyMs, 'sweepOrphanUploads', () => sweepOrphanUploads(db))
  every(60 * everyMs, 'expireProposals', () => expireProposals(db))
  every(
    60 * everyMs,
    'workDigests',
    async () => {
      if (jakartaHour() >= DIGEST_FROM_HOUR) await queueWorkDigests(db, { appUrl: getEnv().appUrl })
    },
    { atStart: false },
  )
  every(10 * everyMs, 'allocatePayouts', async () => {
    const creds = stripeCredentials()
    if (creds) await allocatePendingPayouts(db, creds.secretKey)
  })
}

export function stopJobs() {
  for (const t of timers) clearInterval(t)
  timers = []
}
