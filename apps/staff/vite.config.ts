import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * Takes the `style` attribute off SvelteKit's route announcer (the element that tells a screen reader the title
 * of the page it has moved to), whose styles are in src/app.css instead. The content security policy below
 * allows no inline style, so the browser refused the attribute on every page, logged it as an error, and left
 * the announcer visible at the foot of the page (sveltejs/kit#11993). Once SvelteKit itself drops the
 * attribute (sveltejs/kit#14566) there is nothing to take off; content-security.e2e.ts checks every page either
 * way.
 */
function announcerWithoutInlineStyle(): Plugin {
  const styled = /(<div\s+id="svelte-announcer"[^>]*?)\s+style="[^"]*"/;
  return {
    name: 'harbour:announcer-without-inline-style',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/@sveltejs\/kit\/src\/runtime\/components\/root\.svelte$/.test(id) || !styled.test(code))
        return null;
      return { code: code.replace(styled, '$1'), map: null };
    },
  };
}

// SvelteKit 3 takes its configuration here (there is no svelte.config.js).
export default defineConfig({
  plugins: [
    announcerWithoutInlineStyle(),
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
