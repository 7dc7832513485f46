/**
 * A separate OS process placing orders against a shared database (SQLite file or PostgreSQL): proves the stock
 * reservation holds across processes, not only inside one connection's queue.
 * Usage: node --import tsx checkout-worker.ts <db-file> <cartId>...
 */
import fs from 'node:fs'
import { createDb, isPostgresUrl } from '#db/client.ts'
import { DomainError } from '#app/domain/errors.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'

const [file, ...cartIds] = process.argv.slice(2)
// Never create a stray database: the file (or PostgreSQL database) must be the one the test prepared.
if (!file || (!isPostgresUrl(file) && !fs.existsSync(file))) {
  process.stderr.write(`no database at ${file}\n`)
  process.exit(2)
}
const { db } = createDb(file)
const results = await Promise.all(
  cartIds.map(async (cartId) => {
    try {
      const r = await placeOrder(db, {
        cartId,
        userId: null,
        buyerName: 'Pembeli Uji',
        buyerEmail: 'uji@contoh.id',
        buyerPhone: '081234567890',
        delivery: 'pickup',
      })
      return { ok: true as const, number: r.orderNumber }
    } catch (error) {
      if (error instanceof DomainError) return { ok: false as const, code: error.code }
      return { ok: false as const, code: `crash: ${(error as Error).message}` }
    }
  }),
)
await db.destroy()
process.stdout.write(JSON.stringify(results))
