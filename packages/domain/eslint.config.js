import base from '@harbour/eslint-config/base';

export default [
  ...base,
  {
    // The domain package is pure: it must run in the browser as well as Node, with no I/O.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'net', 'child_process'],
              message: 'domain is pure: no I/O.',
            },
            { group: ['@harbour/*'], message: 'domain imports nothing of ours.' },
            {
              group: ['drizzle-orm*', 'postgres', '@electric-sql/*', '@trpc/*', 'svelte*'],
              message: 'domain is framework-free.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'require'],
    },
  },
];
