// @ts-check
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const FEATURES = [
  'library',
  'player',
  'transcript',
  'provenance',
  'search',
  'notes',
  'citations',
  'import',
]

/** Libraries that only one folder (or file) may import: side effects have one owner each. */
const owned = [
  { name: 'wavesurfer.js', files: 'src/audio/**/*.{ts,tsx}' },
  { name: 'dexie', files: 'src/db/**/*.{ts,tsx}' },
  { name: 'dexie-react-hooks', files: 'src/db/**/*.{ts,tsx}' },
  { name: '@zip.js/zip.js', files: 'src/archive/zip.ts' },
]

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // This rule only matters to the React Compiler, which this project does not use.
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
    },
  },
  {
    // Imports flow shared → features → app; features do not import each other; the pure core
    // imports nothing with effects.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...FEATURES.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'Features do not import each other; compose them in src/app/.',
            })),
            {
              target: './src/domain',
              from: [
                './src/app',
                './src/features',
                './src/store',
                './src/db',
                './src/audio',
                './src/components',
              ],
              message: 'domain/ is pure: it imports nothing but itself.',
            },
            {
              target: [
                './src/components',
                './src/store',
                './src/db',
                './src/audio',
                './src/formats',
                './src/archive',
              ],
              from: ['./src/app', './src/features'],
              message: 'Shared code does not import features or the app shell.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: owned.map((o) => `${o.name}*`),
              message: 'Import this only in its owning folder (see eslint.config.js).',
            },
          ],
        },
      ],
    },
  },
  // An owner may import its own libraries, and still not the others'.
  ...[...new Set(owned.map((o) => o.files))].map((files) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: owned.filter((o) => o.files !== files).map((o) => `${o.name}*`),
              message: 'Import this only in its owning folder (see eslint.config.js).',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'zustand*', 'dexie*', 'wavesurfer.js*'],
              message: 'domain/ is pure TypeScript.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}', 'playwright.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
)
