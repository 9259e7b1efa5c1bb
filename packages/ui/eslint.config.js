import svelte from '@harbour/eslint-config/svelte';

export default [
  ...svelte,
  {
    // Shared by both portals and rendered in the browser: presentation only, no I/O, never the database. No
    // SvelteKit either: the form plumbing hands back what a route passes to `fail()`, so any route can use it.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'ui runs in the browser: no Node modules.' },
            {
              group: ['@harbour/db*', '@harbour/api*'],
              message: 'ui imports only @harbour/domain (types, labels and text rules).',
            },
            {
              group: ['@sveltejs/kit*', '$app/*'],
              message: 'ui is framework-light: the route calls fail() and redirect() itself.',
            },
          ],
        },
      ],
    },
  },
];
