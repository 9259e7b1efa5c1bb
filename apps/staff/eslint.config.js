import svelte from '@harbour/eslint-config/svelte';

export default [
  ...svelte,
  {
    rules: {
      // The portal talks to the API over HTTP only: it never opens the database, and it takes nothing but
      // types from @harbour/api (architecture.md "Dependency rules").
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@harbour/db', '@harbour/db/*'],
              message: 'The portals never reach the database: call the API.',
            },
            {
              group: ['@harbour/api', '@harbour/api/*'],
              allowTypeImports: true,
              message: 'Import only types from @harbour/api (use `import type`).',
            },
          ],
        },
      ],
    },
  },
];
