/**
 * The secret the portals share with apps/server (`HARBOUR_PORTAL_SECRET`). The API trusts the address a
 * portal names for a person (for sign-in throttling) only from a request carrying it, so that nobody reaching
 * the API directly can claim a fresh address with each guess.
 */
export const PORTAL_SECRET_HEADER = 'x-harbour-portal-secret';
export const PORTAL_SECRET_MIN_LENGTH = 32;

/**
 * Checks the configured secret: at least 32 characters when set, and required in production. Returns the
 * secret, or undefined when it is not set (development: the API then counts every sign-in at the portal's own
 * address). Throws a message that never repeats the value.
 */
export function checkedPortalSecret(
  value: string | undefined,
  nodeEnv: string | undefined,
): string | undefined {
  const secret = value === '' ? undefined : value;
  if (secret === undefined) {
    if (nodeEnv === 'production')
      throw new Error(
        'HARBOUR_PORTAL_SECRET must be set when NODE_ENV=production (the secret shared with the API)',
      );
    return undefined;
  }
  if (secret.length < PORTAL_SECRET_MIN_LENGTH)
    throw new Error(`HARBOUR_PORTAL_SECRET must be at least ${PORTAL_SECRET_MIN_LENGTH} characters`);
  return secret;
}
