import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// SvelteKit 3 takes its configuration here (there is no svelte.config.js).
export default defineConfig({
  plugins: [
    sveltekit({
      // `node build` runs a standalone Node server (PORT and HOST from the environment).
      adapter: adapter(),
      // Nothing is loaded from another site; SvelteKit adds a nonce for its own start-up script. Images may also be
      // `data:` addresses: the authenticator set-up page's QR code is drawn on the server and sent inline.
      csp: {
        mode: 'nonce',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'form-action': ['self'],
          'base-uri': ['none'],
          'object-src': ['none'],
          'frame-ancestors': ['none'],
        },
      },
      // Form posts are accepted from this portal's own pages only (SvelteKit compares their Origin): no other
      // origin is trusted, and never '*'.
      csrf: { trustedOrigins: [] },
    }),
  ],
});
