import path from 'node:path'
import { http, passthrough } from 'msw'
import { expect, test } from 'vitest'
import { runCrashRounds } from '#tests/crash/harness.ts'
import { server } from '#tests/mocks/server.ts'
import { TEST_ENGINE, TMP } from '#tests/setup/paths.ts'

// The SQLite crash harness (one file, integrity_check); on PostgreSQL the kill -9 proof runs
// against two built instances (tests/http/two-instances.test.ts).
test.runIf(TEST_ENGINE === 'sqlite')(
  'SIGKILL at random moments during orders and webhooks: no acknowledged event lost, nothing fulfilled twice, integrity ok',
  async () => {
    // The crash server is a real local process: let the harness reach it.
    server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
    const report = await runCrashRounds({ rounds: 20, dir: path.join(TMP, 'crash') })
    expect(report.problems).toEqual([])
    expect(report.ordersAcknowledged).toBeGreaterThan(0)
    expect(report.eventsAcknowledged).toBe(report.ordersAcknowledged)
    // the kills must actually land while work is in flight, or the test proves nothing
    expect(report.killsDuringWork).toBeGreaterThan(5)
  },
  240_000,
)
