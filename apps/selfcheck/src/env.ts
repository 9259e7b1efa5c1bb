import { defineEnvVars } from '@sveltejs/kit/env';
import { checkedPortalSecret } from '@harbour/portal/portal-secret';

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
  HARBOUR_PORTAL_SECRET: {
    description:
      'The secret shared with apps/server (at least 32 characters): the API trusts the address this portal names for a person only with it. Required when NODE_ENV=production.',
    // Its length is checked here; that production has one, when the portal starts (hooks.server.ts `init`):
    // the build reads these settings too, under NODE_ENV=production, and must not need the secret.
    schema: (value) => checkedPortalSecret(value, undefined),
  },
  HARBOUR_CHECK_SERVICE: {
    description:
      'The ODS code of the service that answers "ask someone to contact me" on the anonymous check (/check). Unset: the check still gives its advice, and offers the phone numbers only.',
    schema: (value) => {
      const code = value?.trim().toUpperCase();
      if (code === undefined || code === '') return undefined;
      if (!/^[A-Z0-9]{3,12}$/.test(code))
        throw new Error('HARBOUR_CHECK_SERVICE must be an ODS code, like NRP01');
      return code;
    },
  },
  HARBOUR_SERVICE_PHONE: {
    description:
      "The service's own phone number, shown with the crisis numbers (digits and spaces, like 0300 123 4567). Optional.",
    schema: (value) => {
      const phone = value?.trim();
      if (phone === undefined || phone === '') return undefined;
      if (!/^\+?[\d ]{3,20}$/.test(phone)) throw new Error('HARBOUR_SERVICE_PHONE must be digits and spaces');
      return phone;
    },
  },
  NODE_ENV: {
    description: 'production makes HARBOUR_PORTAL_SECRET required.',
    schema: (value) => value,
  },
});
