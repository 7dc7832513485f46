import { defineConfig } from 'vitest/config'

// Unit tests once; the integration suite once per engine: SQLite (a copy of a migrated base file
// per test) and PostgreSQL (a database per test from a migrated template, on a throwaway cluster
// that tests/setup/global-setup-postgres.ts starts, or on TEST_DATABASE_URL's server).
const env = { MITRA_MODE: 'demo', MOCKS: 'true', APP_URL: 'http://localhost:3000', LOG_LEVEL: 'error' }

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/setup-each.ts'],
          env,
        },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/setup-each.ts'],
          env: { ...env, TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/setup/global-setup-postgres.ts'],
          setupFiles: ['tests/setup/setup-each.ts'],
          env: { ...env, TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
})
