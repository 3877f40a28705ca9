import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'api/drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The Outlook add-in and the Teams tabs run in the browser (Outlook's and Teams' web views).
    files: ['outlook-addin/src/**/*.{ts,tsx}', 'tabs/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Benchmarks and scripts print their figures.
    files: ['tests/bench/**', 'scripts/**', '*/scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
