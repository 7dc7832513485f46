import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const HTTP_CONTRACT = [
  {
    selector: "CallExpression[callee.property.name='formData'][arguments.length=0]",
    message:
      'Read a posted form with readForm(request) from #app/web/forms.server.ts: request.formData() answers 500 to a JSON, empty or truncated body.',
  },
  {
    selector: "CallExpression[callee.name='unstable_parseMultipartFormData']",
    message: 'Read a posted form with readForm(request) from #app/web/forms.server.ts.',
  },
]

// Routes are thin (docs/CONVENTIONS.md, "Routes" and "Transactions"): no query builder and no
// transaction above the domain (routes, app/web, components); reads and writers live in
// app/domain, and writers open their own transaction through inTransaction, which joins the caller's.
const QUERY_METHODS = [
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'transaction',
  'startTransaction',
]
const NO_QUERIES_ABOVE_DOMAIN = {
  selector: `CallExpression[callee.property.name=/^(${QUERY_METHODS.join('|')})$/]`,
  message:
    'Routes and the request layer hold no queries and open no transactions: call a function of app/domain (reads in <area>/queries.ts, writers run in inTransaction and open their own).',
}
const ONE_TRANSACTION_RULE = {
  selector: 'CallExpression[callee.property.name=/^(transaction|startTransaction)$/]',
  message:
    "A domain writer runs in inTransaction(db, …) from #app/domain/transaction.ts, which opens a transaction or joins the caller's.",
}

// The layers (docs/CONVENTIONS.md, "Layers"): routes -> components/web -> domain -> lib, and
// domain -> db. Nothing below imports what is above it. The patterns match what an import names:
// the #app/… alias or a relative path climbing into another folder.
const FRAMEWORK = [
  { regex: '^@remix-run/', message: 'The domain and lib are framework-free: Remix belongs to routes and app/web.' },
  { regex: '^@conform-to/', message: 'Form adapters (conform) belong to app/web; the domain keeps only zod schemas.' },
  { regex: '^react(-dom)?(/|$)', message: 'React belongs to routes, components and app/web.' },
]
const above = (folders, message) => ({ regex: `^(#app/|(\\.\\./)+(app/)?)(${folders.join('|')})(/|$)`, message })
const DOMAIN_MAY_NOT = [
  ...FRAMEWORK,
  above(
    ['routes', 'web', 'components'],
    'app/domain may not import the request layer, routes or components: pass plain data in, return plain data.',
  ),
]
const LIB_MAY_NOT = [
  ...FRAMEWORK,
  above(
    ['routes', 'web', 'components', 'domain', 'integrations'],
    'app/lib holds leaf helpers: it imports nothing above it.',
  ),
]
const NO_DB = { regex: '^(#db/|(\\.\\./)+db/)', message: 'app/lib does not reach the database.' }
const DB_MAY_NOT = [
  {
    regex: '^(#app/|(\\.\\./)+app/)(?!lib/)',
    message: 'db/ may use app/lib only: the domain builds on the database, not the reverse.',
  },
]

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', 'node_modules/**', '.cache/**', 'test-results/**', 'tests/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
    },
  },
  // Logs go through the logger (#app/lib/log.server.ts: JSON lines with the request id). Terminal
  // tools that print for the person running them keep the console: admin:create (it prints the
  // one-time link, which must never reach a log), the screenshots script, and start.ts's refusal
  // line and demo banner (disabled there line by line). Tests and benchmarks print freely.
  {
    files: ['app/**/*.{ts,tsx}', 'server/**/*.ts', 'db/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['scripts/admin-create.ts', 'scripts/screenshots.ts'],
    rules: { 'no-console': 'error' },
  },
  // The HTTP contract (docs/decisions/011-http-contract.md): forms are read by readForm, which
  // answers 400/415 to bodies that are not forms; resource routes answer with Response objects.
  {
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/web/forms.server.ts'],
    rules: { 'no-restricted-syntax': ['error', ...HTTP_CONTRACT] },
  },
  {
    files: ['app/routes/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...HTTP_CONTRACT,
        NO_QUERIES_ABOVE_DOMAIN,
        {
          selector: "Program:not(:has(ExportDefaultDeclaration)) CallExpression[callee.name='data']",
          message:
            'A resource route (no default export) answers with a Response (Response.json, new Response): under single fetch a returned data() goes out as 200 and a thrown one as "Unexpected Server Error".',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'Routes hold no queries: the domain reads and writes (app/domain/<area>).' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/web/**/*.{ts,tsx}', 'app/components/**/*.{ts,tsx}'],
    ignores: ['app/web/forms.server.ts'],
    rules: { 'no-restricted-syntax': ['error', ...HTTP_CONTRACT, NO_QUERIES_ABOVE_DOMAIN] },
  },
  {
    files: ['app/domain/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: DOMAIN_MAY_NOT }] },
  },
  {
    files: ['app/domain/**/*.{ts,tsx}'],
    ignores: ['app/domain/transaction.ts'],
    rules: { 'no-restricted-syntax': ['error', ...HTTP_CONTRACT, ONE_TRANSACTION_RULE] },
  },
  {
    files: ['app/lib/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...LIB_MAY_NOT, NO_DB] }] },
  },
  // The environment is read where the database path is resolved (db/client.ts), and nothing else of db/.
  {
    files: ['app/lib/env.server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...LIB_MAY_NOT, { ...NO_DB, regex: '^(#db/|(\\.\\./)+db/)(?!client\\.ts$)' }] },
      ],
    },
  },
  // The seed builds demo data with the domain's own writers, like a script: it sits above the domain.
  {
    files: ['db/**/*.ts'],
    ignores: ['db/seed/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: DB_MAY_NOT }] },
  },
  {
    files: ['db/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(#app/|(\\.\\./)+app/)',
              message: 'A migration never imports app code: it must run the same in a year.',
            },
          ],
        },
      ],
    },
  },
)
