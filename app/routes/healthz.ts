import { pingDb } from '#app/web/db.server.ts'

/** Liveness and database check for load balancers: 200 when the database answers, 503 when not. */
export async function loader() {
  const started = performance.now()
  try {
    await pingDb()
    return Response.json(
      { status: 'ok', database: 'ok', latencyMs: Math.round(performance.now() - started) },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  } catch (error) {
    return Response.json(
      { status: 'error', database: 'unavailable', error: (error as Error).message },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    )
  }
}
