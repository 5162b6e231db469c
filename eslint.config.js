import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '.stack/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in src/config.ts only.' }],
      // Prettier wraps code at 140 columns but leaves long strings, comments and regexes alone; this catches those.
      // Core's rule is deprecated in favour of @stylistic but ships until ESLint 11.
      'max-len': ['error', { code: 140, tabWidth: 2 }],
    },
  },
  {
    files: ['**/config.ts', '**/*-config.ts', '**/*.test.ts', 'bench/**', 'e2e/**', 'scripts/**', 'tools/**/bin/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
