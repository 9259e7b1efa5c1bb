import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * Drops nhsuk-frontend's @font-face rules, which fetch the Frutiger web font from assets.nhs.uk (Chromium
 * fetched it even though no element uses it): the pages are set in Arial instead (see src/app.css).
 */
function withoutNhsWebFonts(): Plugin {
  return {
    name: 'harbour:without-nhs-web-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/nhsuk-frontend\/.*\.css(\?|$)/.test(id)) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*\}/g, ''), map: null };
    },
  };
}

// SvelteKit 3 takes its configuration here (there is no svelte.config.js).
export default defineConfig({
  plugins: [
    withoutNhsWebFonts(),
    sveltekit({
      // `node build` runs a standalone Node server (PORT and HOST from the environment).
      adapter: adapter(),
      // The pages send no JavaScript, and may load nothing from anywhere else: no third-party fonts, images
      // or scripts, so visiting them tells no one else that a person uses a drug service.
      csp: {
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          // data: for the QR code of the set-up page, drawn on the server (src/lib/server/qr.ts).
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'form-action': ['self'],
          'base-uri': ['none'],
          'object-src': ['none'],
          'frame-ancestors': ['none'],
        },
      },
      // Form posts are accepted from this portal's own pages only: no other origin is trusted, and never '*'
      // (security.md promise 8; hooks.server.ts refuses every other cross-site change as well).
      csrf: { trustedOrigins: [] },
    }),
  ],
  build: {
    // No minifying: nhsuk-frontend's CSS comes minified already, and keeps an old-browser hack
    // (`@media screen\0`) that Vite's CSS minifier cannot parse; the browser gets no JavaScript (csr = false),
    // so only server code would be minified.
    minify: false,
  },
});
