import { defineConfig } from 'vitest/config';

// Unit tests of the portal's pure helpers. No SvelteKit plugin: they import nothing from `$app/*`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
  },
});
