import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', '.data/', '.cache/', 'public/build/', 'bench/out/', 'test-results/', 'patches/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    ...react.configs.flat.recommended,
    ...react.configs.flat['jsx-runtime'],
    ...jsxA11y.flatConfigs.recommended,
    plugins: { react, 'jsx-a11y': jsxA11y, 'react-hooks': reactHooks, 'import-x': importX },
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser, ...globals.node },
    },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      react: { version: 'detect' },
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat['jsx-runtime'].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Scrollable regions and long preformatted text take the keyboard focus so they can be scrolled without a mouse.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'], tags: ['pre'] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Hooks live in components; elsewhere a function named use… is not one.
    files: ['app/**/*.tsx'],
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    // Tests read loaders' and actions' untyped JSON answers.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Routes parse, guard, call a domain module and respond; reads, writes and audit entries live in app/modules.
    files: ['app/routes/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(~/lib/db\\.server|~/lib/(export-)?audit\\.server|~db/schema(/.*)?|drizzle-orm(/.*)?)$',
              message: 'Routes parse, guard, call a domain module and respond: reads, writes and audit entries belong in app/modules.',
            },
          ],
        },
      ],
    },
  },
)
