// Lint for the whole project: TypeScript (type-aware rules off for speed; tsc --strict covers types)
// and React hooks for the app.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

export default tseslint.config(
  {
    ignores: ['.tmp*/**', 'node_modules/**', 'dist/**', 'cloudfunctions/*/index.js', 'local-cloud/dist/**', '.local-cloud/**', '.bench-data/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The client never imports server code at runtime, only types (and the pure shared constants).
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cloudfunctions/*/src/**'], allowTypeImports: true, message: '客户端只能以 import type 引用云函数的契约类型' }] }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
  },
)
