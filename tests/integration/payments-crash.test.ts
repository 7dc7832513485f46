import path from 'node:path'
import { http, passthrough } from 'msw'
import { expect, test } from 'vitest'
import { runCrashRounds } from '#tests/crash/harness.ts'
import { server } from '#tests/mocks/server.ts'
import { TMP } from '#tests/setup/paths.ts'

test('SIGKILL at random moments during orders and webhooks: no acknowledged event lost, nothing fulfilled twice, integrity ok', async () => {
  // The crash server is a real local process: let the harness reach it.
  server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
  const report = await runCrashRounds({ rounds: 20, dir: path.join(TMP, 'crash') })
  expect(report.problems).toEqual([])
  expect(report.ordersAcknowledged).toBeGreaterThan(0)
  expect(report.eventsAcknowledged).toBe(report.ordersAcknowledged)
  // the kills must actually land while work is in flight, or the test proves nothing
  expect(report.killsDuringWork).toBeGreaterThan(5)
}, 240_000)
