import { defineEnvVars } from '@sveltejs/kit/env';
import { z } from 'zod';

/**
 * The staff portal's configuration: read from the environment once, when the server starts, and validated
 * here. Server code imports the values from `$app/env/private`; nothing else reads `process.env`.
 */
export const variables = defineEnvVars({
  HARBOUR_API_URL: {
    description: 'Where apps/server listens (the tRPC API is under /trpc/).',
    schema: z
      .url({ protocol: /^https?$/ })
      .default('http://127.0.0.1:4000')
      .transform((url) => url.replace(/\/+$/, '')),
  },
});
