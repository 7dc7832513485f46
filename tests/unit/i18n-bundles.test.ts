import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { BUNDLES } from '#app/i18n/index.ts'
import { ROOT } from '#tests/setup/paths.ts'

describe('message bundles', () => {
  test('every file in app/i18n/messages is a bundle the index lists', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'app/i18n/messages'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort()
    expect(Object.keys(BUNDLES).sort()).toEqual(files)
  })

  test('no two areas define the same key (a later bundle would silently override an earlier one)', () => {
    const seen = new Map<string, string>()
    const clashes: string[] = []
    for (const [area, b] of Object.entries(BUNDLES)) {
      for (const k of Object.keys(b.id)) {
        if (seen.has(k)) clashes.push(`${k}: ${seen.get(k)} and ${area}`)
        seen.set(k, area)
      }
    }
    expect(clashes).toEqual([])
  })
})
