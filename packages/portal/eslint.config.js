import base from '@harbour/eslint-config/base';

export default [
  ...base,
  {
    // Runs in the portals' servers, in front of SvelteKit: never the database, nothing of the API but its address.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@harbour/db*', '@harbour/api*'],
              message: 'The portals reach the API over HTTP only.',
            },
          ],
        },
      ],
    },
  },
];
