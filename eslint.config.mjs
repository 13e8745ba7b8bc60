// Lint for the whole project: TypeScript (type-aware rules off for speed; tsc --strict covers types)
// and React hooks for the app.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// The client never imports server code at runtime, only types (and the pure shared constants).
const SERVER_CODE = {
  group: ['**/cloudfunctions/*/src/**'],
  allowTypeImports: true,
  message: '客户端只能以 import type 引用云函数的契约类型',
}

export default tseslint.config(
  {
    ignores: [
      '.tmp*/**',
      'node_modules/**',
      'dist/**',
      'cloudfunctions/*/index.js',
      'local-cloud/dist/**',
      '.local-cloud/**',
      '.bench-data/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [SERVER_CODE],
        },
      ],
    },
  },
  {
    // Subpackages use what is shared (src/components, src/ui, src/hooks, src/utils, src/services), never a tab
    // page's own folder: the tab page may change its parts without knowing who else reads them.
    files: ['src/packages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_CODE,
            {
              group: ['**/pages/**'],
              message: '分包不引用 tab 页自己的目录：共用的部分放进 src/components、src/ui 或 src/utils',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
)
