/**
 * Load-test plumbing: start a server as a child process pinned to one core, drive it with
 * autocannon pinned to the other core, read the server's peak memory. Loopback only.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'
import { freePort } from '../tests/free-port.ts'

export const ROOT = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')
const hasTaskset = spawnSync('sh', ['-c', 'command -v taskset']).status === 0
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

function pinned(core: number, cmd: string, args: string[]): [string, string[]] {
  return hasTaskset ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args]
}

/**
 * The environment a benchmarked server runs with: production mode, no outbound services (SMTP to a
 * closed port, mocks off), a throwaway key, uploads in the bench's own folder.
 */
export function productionEnv(databaseUrl: string, uploadDir: string) {
  return {
    DATABASE_URL: databaseUrl,
    MITRA_MODE: 'production',
    NODE_ENV: 'production',
    APP_URL: 'http://127.0.0.1',
    ENCRYPTION_KEY: 'c'.repeat(64),
    SMTP_URL: 'smtp://127.0.0.1:9',
    MOCKS: '',
    UPLOAD_DIR: uploadDir,
  }
}

export interface Child {
  proc: ChildProcess
  url: string
  stop(): Promise<void>
  peakRssMb(): number
  /** CPU time (user + system) the server process has used so far, in ms (Linux; 0 elsewhere). */
  cpuMs(): number
}

export async function startProcess(
  script: string,
  env: Record<string, string>,
  healthPath = '/healthz',
): Promise<Child> {
  const port = await freePort()
  const [cmd, args] = pinned(0, process.execPath, ['--import', 'tsx', script])
  const proc = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      if ((await fetch(base + healthPath)).ok) break
    } catch {
      /* starting */
    }
    if (proc.exitCode !== null) throw new Error(`${script} exited with ${proc.exitCode}`)
    if (Date.now() > deadline) throw new Error(`${script} did not start`)
    await new Promise((r) => setTimeout(r, 200))
  }
  // With taskset the child is `taskset` exec'ing node: same pid.
  const pid = proc.pid!
  return {
    proc,
    url: base,
    async stop() {
      proc.kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 300))
      if (proc.exitCode === null) proc.kill('SIGKILL')
    },
    peakRssMb() {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
        return Math.round(kb / 1024)
      } catch {
        return 0
      }
    },
    cpuMs() {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in clock ticks.
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
      } catch {
        return 0
      }
    },
  }
}

export interface LoadResult {
  requestsPerSec: number
  /** requests answered in the whole run */
  requests: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

/** autocannon's CLI on the other core, JSON out. */
export function load(
  target: string,
  opts: { connections?: number; seconds?: number; method?: string; body?: string; headers?: string[] } = {},
): LoadResult {
  const cli = path.join(ROOT, 'node_modules/autocannon/autocannon.js')
  const args = [cli, '-j', '-c', String(opts.connections ?? 32), '-d', String(opts.seconds ?? 10)]
  if (opts.method) args.push('-m', opts.method)
  if (opts.body) args.push('-b', opts.body)
  for (const h of opts.headers ?? []) args.push('-H', h)
  args.push(target)
  const [cmd, cargs] = pinned(1, process.execPath, args)
  const r = spawnSync(cmd, cargs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`autocannon failed: ${r.stderr}`)
  const j = JSON.parse(r.stdout) as {
    requests: { average: number; total: number }
    latency: { p50: number; p99: number }
    errors: number
    non2xx: number
  }
  return {
    requestsPerSec: Math.round(j.requests.average),
    requests: j.requests.total,
    p50: j.latency.p50,
    p99: j.latency.p99,
    errors: j.errors,
    non2xx: j.non2xx,
  }
}

/** {@link load} without blocking, so that two load generators can run at once. */
export function loadAsync(
  target: string,
  opts: { connections?: number; seconds?: number; headers?: string[] } = {},
): Promise<LoadResult> {
  const cli = path.join(ROOT, 'node_modules/autocannon/autocannon.js')
  const args = [cli, '-j', '-c', String(opts.connections ?? 32), '-d', String(opts.seconds ?? 10)]
  for (const h of opts.headers ?? []) args.push('-H', h)
  args.push(target)
  const [cmd, cargs] = pinned(1, process.execPath, args)
  return new Promise((resolve, reject) => {
    execFile(cmd, cargs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`autocannon failed: ${stderr}`))
      const j = JSON.parse(stdout) as {
        requests: { average: number; total: number }
        latency: { p50: number; p99: number }
        errors: number
        non2xx: number
      }
      resolve({
        requestsPerSec: Math.round(j.requests.average),
        requests: j.requests.total,
        p50: j.latency.p50,
        p99: j.latency.p99,
        errors: j.errors,
        non2xx: j.non2xx,
      })
    })
  })
}
