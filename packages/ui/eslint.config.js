import base from '@harbour/eslint-config/base';

export default [
  ...base,
  {
    // Shared by both portals and rendered in the browser: presentation only, no I/O, never the database.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'ui runs in the browser: no Node modules.' },
            {
              group: ['@harbour/db*', '@harbour/api*'],
              message: 'ui imports only @harbour/domain (types and labels).',
            },
          ],
        },
      ],
    },
  },
];
