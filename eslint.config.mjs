// ESLint (flat config): typescript-eslint for TypeScript, eslint-plugin-lit and eslint-plugin-wc for the
// components, eslint-config-prettier last so formatting is Prettier's alone (`prettier --check`).
// Run by `npm run lint` and by the `lint` suite of `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'dist-storybook/**',
      'generated/**',
      'tests/browser/shell/fixtures/generated/**',
      '.tmp/**',
      '.data/**',
      'custom-elements.json',
      'src/runtime/openapi.d.ts',
      'tests/node/compiler/fuzz/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a key, unused parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Public boundaries have no `any`; tests and casts of foreign data may need it, marked where they do.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/components/**/*.ts', 'src/internal/**/*.ts', 'src/define/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts', 'src/internal/**/*.ts', 'src/define/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    // Tests: chai's property assertions (`expect(x).to.exist`) are expressions by design; JSON answers
    // of the server under test are read as `any` by the test helpers.
    files: ['tests/**/*.ts', 'stories/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
