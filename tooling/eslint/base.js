// Shared lint rules. Zero warnings is enforced by every package's `lint` script (--max-warnings 0).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export const ignores = {
  ignores: ['**/node_modules/**', '**/build/**', '**/.svelte-kit/**', '**/coverage/**', '**/drizzle/**'],
};

export default tseslint.config(
  ignores,
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nothing but the env module and the logger reads the environment or writes to the console.
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  prettier,
);
