import { defineConfig } from 'vitest/config'

// HTTP contract tests: the production build on a free port, spoken to over real HTTP
// (status codes and headers on the wire, ids smuggled in bodies, odd bodies). One file at a
// time against one server, so what a file writes is what it sees.
export default defineConfig({
  test: {
    include: ['tests/http/**/*.test.ts'],
    globalSetup: ['tests/http/setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    env: { MITRA_MODE: 'demo', LOG_LEVEL: 'error' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
