import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'
import { ROOT } from '#tests/setup/paths.ts'

/**
 * The layer rule of eslint.config.js (docs/CONVENTIONS.md, "Layers"): imports point down only,
 * routes -> components/web -> domain -> lib, and domain -> db. Each case lints one import as if
 * it were written in a file of that folder, so a change to the config that lets a wrong-way
 * import through fails here.
 */
const eslint = new ESLint({ cwd: ROOT })

async function refused(file: string, specifier: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}'\nexport const y = x\n`, {
    filePath: `${ROOT}/${file}`,
  })
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports')
}

const CASES: { file: string; refuse: string[]; allow: string[] }[] = [
  {
    file: 'app/domain/orders/probe.ts',
    refuse: [
      '@remix-run/node',
      '@remix-run/react',
      '@conform-to/zod/v4',
      '@conform-to/react',
      'react',
      'react-dom/server',
      '#app/web/guards.server.ts',
      '#app/web/forms.server.ts',
      '../../web/db.server.ts',
      '#app/routes/cart.tsx',
      '../../routes/cart.tsx',
      '#app/components/ui/misc.tsx',
    ],
    allow: [
      '#app/lib/ids.ts',
      '#db/client.ts',
      '../catalog/schemas.ts',
      './state.ts',
      '#app/domain/audit/log.ts',
      '#app/i18n/index.ts',
      'zod',
      'kysely',
    ],
  },
  {
    file: 'app/domain/errors-probe.ts',
    refuse: ['../web/session.server.ts', '#app/web/session.server.ts'],
    allow: ['./ledger/split.ts', '../lib/time.ts'],
  },
  {
    file: 'app/lib/probe.ts',
    refuse: [
      '#app/domain/errors.ts',
      '../domain/errors.ts',
      '#app/web/cookies.server.ts',
      '#app/routes/cart.tsx',
      '#app/components/ui/misc.tsx',
      '#app/integrations/email.server.ts',
      '#db/client.ts',
      '../../db/client.ts',
      '@remix-run/node',
      'react',
    ],
    allow: ['./time.ts', '#app/lib/ids.ts', '#app/i18n/translate.ts', 'node:crypto', 'uuidv7', 'zod'],
  },
  {
    file: 'app/lib/env.server.ts',
    refuse: ['#db/schema.ts', '#app/domain/errors.ts'],
    allow: ['#db/client.ts', 'zod'],
  },
  {
    file: 'db/client-probe.ts',
    refuse: [
      '../app/domain/errors.ts',
      '#app/domain/errors.ts',
      '#app/web/db.server.ts',
      '../app/integrations/email.server.ts',
    ],
    allow: ['../app/lib/ids.ts', '#app/lib/time.ts', './schema.ts', 'kysely'],
  },
  {
    file: 'db/migrations/probe.ts',
    refuse: ['../../app/lib/ids.ts', '#app/lib/time.ts', '../../app/domain/errors.ts'],
    allow: ['kysely'],
  },
  // The seed is a script that writes demo data with the domain's own functions.
  { file: 'db/seed/probe.ts', refuse: [], allow: ['../../app/domain/ledger/postings.ts', '../../app/lib/ids.ts'] },
]

describe('layers: imports point down only', () => {
  for (const c of CASES) {
    test(`${c.file}`, async () => {
      const wrong = []
      for (const s of c.refuse) if (!(await refused(c.file, s))) wrong.push(`let through: ${s}`)
      for (const s of c.allow) if (await refused(c.file, s)) wrong.push(`refused: ${s}`)
      expect(wrong).toEqual([])
    })
  }
})
