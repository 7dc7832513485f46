import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const HTTP_CONTRACT = [
  {
    selector: "CallExpression[callee.property.name='formData'][arguments.length=0]",
    message: 'Read a posted form with readForm(request) from #app/web/forms.server.ts: request.formData() answers 500 to a JSON, empty or truncated body.',
  },
  {
    selector: "CallExpression[callee.name='unstable_parseMultipartFormData']",
    message: 'Read a posted form with readForm(request) from #app/web/forms.server.ts.',
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
        {
          selector: "Program:not(:has(ExportDefaultDeclaration)) CallExpression[callee.name='data']",
          message: 'A resource route (no default export) answers with a Response (Response.json, new Response): under single fetch a returned data() goes out as 200 and a thrown one as "Unexpected Server Error".',
        },
      ],
    },
  },
)
