import { defineEnvVars } from '@sveltejs/kit/env';

/**
 * The self-check portal's configuration: read from the environment once, when the server starts, and checked
 * here. Server code imports the values from `$app/env/private`; nothing else reads `process.env`.
 */
export const variables = defineEnvVars({
  HARBOUR_API_URL: {
    description: 'Where apps/server listens (the tRPC API is under /trpc/).',
    schema: (value) => {
      const url = (value ?? 'http://127.0.0.1:4000').trim().replace(/\/+$/, '');
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(`HARBOUR_API_URL is not a URL: ${url}`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new Error('HARBOUR_API_URL must start with http:// or https://');
      return url;
    },
  },
});
