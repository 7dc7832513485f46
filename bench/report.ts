import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import url from 'node:url'

const ROOT = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')

/** Appends a section to BENCHMARKS.md with the command, machine and date, and prints it. */
export function recordBenchmark(title: string, command: string, lines: string[]) {
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`
  const section = [
    `## ${title}`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- command: \`${command}\``,
    `- machine: ${machine}`,
    '',
    ...lines,
    '',
  ].join('\n')
  console.log(section)
  const file = path.join(ROOT, 'BENCHMARKS.md')
  if (!fs.existsSync(file))
    fs.writeFileSync(
      file,
      '# Benchmarks\n\nMeasured by `npm run bench` on a shared 2-core machine; figures vary run to run.\n\n',
    )
  fs.appendFileSync(file, `${section}\n`)
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}
