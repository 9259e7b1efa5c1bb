import base from '@harbour/eslint-config/base';

export default [
  ...base,
  // These scripts are the process manager: printing to the terminal is their job.
  { rules: { 'no-console': 'off' } },
];
