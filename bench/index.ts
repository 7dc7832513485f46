/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each is a standalone script that prints
 * its figures and appends them to BENCHMARKS.md). Timing lives here, never in tests.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'

const here = path.dirname(url.fileURLToPath(import.meta.url))
const only = process.argv[2]
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort()
if (files.length === 0) {
  console.log('No benchmarks found')
  process.exit(0)
}
let failed = 0
for (const f of files) {
  console.log(`\n=== ${f}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, f)], { stdio: 'inherit', env: process.env })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
