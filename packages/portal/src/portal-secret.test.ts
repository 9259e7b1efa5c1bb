import { describe, expect, it } from 'vitest';
import { checkedPortalSecret } from './portal-secret.ts';

const SECRET = 'a-portal-secret-of-at-least-32-characters';

describe('the secret shared with the API', () => {
  it('is taken as it is when long enough', () => {
    expect(checkedPortalSecret(SECRET, 'production')).toBe(SECRET);
    expect(checkedPortalSecret(SECRET, undefined)).toBe(SECRET);
  });

  it('may be left unset outside production', () => {
    expect(checkedPortalSecret(undefined, 'development')).toBeUndefined();
    expect(checkedPortalSecret('', undefined)).toBeUndefined();
  });

  it('is required in production', () => {
    expect(() => checkedPortalSecret(undefined, 'production')).toThrow(
      'HARBOUR_PORTAL_SECRET must be set when NODE_ENV=production',
    );
    expect(() => checkedPortalSecret('', 'production')).toThrow('must be set');
  });

  it('is refused when short, without repeating it', () => {
    const refusal = (() => {
      try {
        checkedPortalSecret('hunter2', 'development');
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    })();
    expect(refusal).toBe('HARBOUR_PORTAL_SECRET must be at least 32 characters');
  });
});
