import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The components are compiled for the server, as SvelteKit renders them, so their tests can read the markup
// (`render` from svelte/server): labels, ids, aria attributes.
export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts'],
  },
});
