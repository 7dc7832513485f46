/**
 * A minimal server process for the crash test: the real webhook handler and the real order +
 * card-payment domain code on a SQLite file, behind plain node:http. The parent kills it with
 * SIGKILL at random moments. Only the provider's network call is replaced (sessions are made up
 * locally), which is outside every transaction in the real flow too.
 * Usage: node --import tsx tests/crash/payment-server.ts <db-file> <port>
 */
import http from 'node:http'
import { createDb } from '#db/client.ts'
import { addToCart, ensureCart } from '#app/domain/orders/cart.ts'
import { placeOrder } from '#app/domain/orders/checkout.ts'
import { startCardPayment } from '#app/domain/payments/card.ts'
import {
  createStripeProvider,
  MOCK_STRIPE_SECRET_KEY,
  MOCK_STRIPE_WEBHOOK_SECRET,
} from '#app/integrations/payments/stripe.server.ts'
import type { PaymentProvider } from '#app/integrations/payments/types.ts'
import { handleProviderWebhook } from '#app/web/payments.server.ts'

const [file, port] = process.argv.slice(2)
const { db } = createDb(file)
const stripe = createStripeProvider({ secretKey: MOCK_STRIPE_SECRET_KEY, webhookSecret: MOCK_STRIPE_WEBHOOK_SECRET })
const provider: PaymentProvider = {
  ...stripe,
  async createCheckout(input) {
    const id = `cs_crash_${input.idempotencyKey.replace(/[^A-Za-z0-9]/g, '_')}`
    return { sessionId: id, url: `http://localhost/${id}` }
  },
}

async function body(req: http.IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const server = http.createServer((req, res) => {
  void (async () => {
    try {
      const raw = await body(req)
      if (req.url === '/webhooks/stripe') {
        const r = await handleProviderWebhook(
          db,
          provider,
          raw,
          (req.headers['stripe-signature'] as string | undefined) ?? null,
          'http://localhost',
        )
        res.writeHead(r.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(r.body))
        return
      }
      if (req.url === '/orders') {
        const { productId, qty } = JSON.parse(raw) as { productId: string; qty: number }
        const { cartId } = await ensureCart(db, {})
        await addToCart(db, cartId, productId, qty)
        const placed = await placeOrder(db, {
          cartId,
          userId: null,
          buyerName: 'Uji Crash',
          buyerEmail: 'crash@contoh.id',
          buyerPhone: '081234567890',
          delivery: 'pickup',
        })
        await startCardPayment(db, provider, { orderId: placed.orderId, orderUrl: 'http://localhost/o' })
        const p = await db
          .selectFrom('payments')
          .select(['provider_session_id', 'amount'])
          .where('order_id', '=', placed.orderId)
          .executeTakeFirstOrThrow()
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ orderNumber: placed.orderNumber, sessionId: p.provider_session_id, amount: p.amount }))
        return
      }
      res.writeHead(404).end()
    } catch (error) {
      res.writeHead(500).end((error as Error).message)
    }
  })()
})
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'))
