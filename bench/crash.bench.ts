/**
 * Crash safety beyond the suite's 20 rounds: SIGKILL the payment server at random moments while
 * orders and signed webhooks arrive, restart, redeliver, then check nothing acknowledged was lost,
 * nothing was fulfilled twice, stock moved once and PRAGMA integrity_check is ok.
 * CRASH_ROUNDS (default 100), CRASH_SEED.
 */
import os from 'node:os'
import path from 'node:path'
import { runCrashRounds } from '../tests/crash/harness.ts'
import { recordBenchmark } from './report.ts'

const rounds = Number(process.env.CRASH_ROUNDS) || 100
const seed = Number(process.env.CRASH_SEED) || Date.now() % 2 ** 31
const started = Date.now()
const report = await runCrashRounds({ rounds, seed, dir: path.join(os.tmpdir(), 'mitra-lipas-crash') })
recordBenchmark('Crash safety of payments (SIGKILL)', `CRASH_ROUNDS=${rounds} CRASH_SEED=${seed} npm run bench crash`, [
  `- rounds: ${report.rounds}, kills while work was in flight: ${report.killsDuringWork}`,
  `- orders acknowledged: ${report.ordersAcknowledged}, webhook events acknowledged: ${report.eventsAcknowledged}`,
  `- problems: ${report.problems.length ? report.problems.join('; ') : 'none'}`,
  `- wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
])
if (report.problems.length) process.exit(1)
