/**
 * A separate OS process running the reservation-expiry job (with its buyer emails) against a
 * shared database (SQLite file or PostgreSQL): proves each expired order is emailed once even with two job processes.
 * Usage: node --import tsx expiry-worker.ts <db-file> <now-iso>
 */
import fs from 'node:fs'
import { createDb, isPostgresUrl } from '#db/client.ts'
import { expireReservationsAndNotify } from '#app/domain/orders/notify.server.ts'

const [file, now] = process.argv.slice(2)
// Never create a stray database: the file (or PostgreSQL database) must be the one the test prepared.
if (!file || (!isPostgresUrl(file) && !fs.existsSync(file)) || !now) {
  process.stderr.write(`no database at ${file}\n`)
  process.exit(2)
}
const { db } = createDb(file)
const result = await expireReservationsAndNotify(db, { appUrl: 'https://mitra.test', now: new Date(now) })
await db.destroy()
process.stdout.write(JSON.stringify(result))
