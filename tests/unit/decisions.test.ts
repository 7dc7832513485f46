import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT } from '#tests/setup/paths.ts'

const DIR = path.join(ROOT, 'docs/decisions')
const records = fs
  .readdirSync(DIR)
  .filter((f) => /^\d{3}-.+\.md$/.test(f))
  .sort()
  .map((file) => {
    const lines = fs.readFileSync(path.join(DIR, file), 'utf8').split('\n')
    const heading = /^# (\d{3}) — (.+)$/.exec(lines[0] ?? '')
    return { file, number: file.slice(0, 3), heading, status: lines.slice(1, 6).find((l) => l.startsWith('Status: ')) }
  })

describe('decision records', () => {
  test('one record per number, numbered from 001 without gaps', () => {
    const numbers = records.map((r) => Number(r.number))
    expect(numbers).toEqual(numbers.map((_, i) => i + 1))
  })

  test('each heading carries its own file number and a title', () => {
    expect(records.filter((r) => r.heading?.[1] !== r.number).map((r) => r.file)).toEqual([])
  })

  test('each record says whether it is accepted or superseded, and by what', () => {
    const bad = records
      .filter((r) => !/^Status: (accepted|superseded by \d{3}) \(.+\)/.test(r.status ?? ''))
      .map((r) => r.file)
    expect(bad).toEqual([])
  })

  test('the index lists every record under its own title', () => {
    const index = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8')
    const missing = records
      .filter((r) => !index.includes(`| [${r.number}](${r.file}) | ${r.heading?.[2]} |`))
      .map((r) => r.file)
    expect(missing).toEqual([])
  })
})
