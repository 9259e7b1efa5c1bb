import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env.ts';

const HARBOUR_PORTAL_SECRET = 'a-portal-secret-of-at-least-32-characters';

describe('the development identity', () => {
  it('is allowed only on a loopback HOST', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost', 'LOCALHOST'])
      expect(parseServerEnv({ HOST, HARBOUR_DEV_IDENTITY: '1' }).ok).toBe(true);
    expect(parseServerEnv({ HARBOUR_DEV_IDENTITY: '1' }).ok).toBe(true); // HOST defaults to 127.0.0.1
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20', 'harbour.example', '127.0.0.1.example']) {
      const parsed = parseServerEnv({ HOST, HARBOUR_DEV_IDENTITY: 'true' });
      expect(parsed).toEqual({
        ok: false,
        problems: [
          'HARBOUR_DEV_IDENTITY: HARBOUR_DEV_IDENTITY must not be set unless HOST is a loopback address (127.0.0.1, ::1, localhost)',
        ],
      });
    }
  });

  it('leaves any HOST alone when it is off', () => {
    expect(parseServerEnv({ HOST: '0.0.0.0' }).ok).toBe(true);
    expect(parseServerEnv({ HOST: '0.0.0.0', HARBOUR_DEV_IDENTITY: '0' }).ok).toBe(true);
  });

  it('is refused under NODE_ENV=production, even on loopback', () => {
    expect(
      parseServerEnv({ NODE_ENV: 'production', HARBOUR_DEV_IDENTITY: '1', HARBOUR_PORTAL_SECRET }),
    ).toEqual({
      ok: false,
      problems: ['HARBOUR_DEV_IDENTITY: HARBOUR_DEV_IDENTITY must not be set when NODE_ENV=production'],
    });
  });
});

describe('the migration connection', () => {
  const app = 'postgres://harbour_server:secret@db.example:5432/harbour';
  const owner = 'postgres://harbour_owner:secret@db.example:5432/harbour';

  it('is optional, and read next to DATABASE_URL', () => {
    const without = parseServerEnv({ DATABASE_URL: app });
    expect(without.ok && without.env.DATABASE_MIGRATION_URL).toBeUndefined();
    const parsed = parseServerEnv({ DATABASE_URL: app, DATABASE_MIGRATION_URL: owner });
    expect(parsed.ok && [parsed.env.DATABASE_URL, parsed.env.DATABASE_MIGRATION_URL]).toEqual([app, owner]);
  });

  it('must be a URL', () => {
    const parsed = parseServerEnv({ DATABASE_URL: app, DATABASE_MIGRATION_URL: 'harbour_owner' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.join('\n')).toMatch(/^DATABASE_MIGRATION_URL: /);
  });

  it('is refused without DATABASE_URL (the embedded database has no separate owner)', () => {
    expect(parseServerEnv({ DATABASE_MIGRATION_URL: owner })).toEqual({
      ok: false,
      problems: [
        'DATABASE_MIGRATION_URL: DATABASE_MIGRATION_URL needs DATABASE_URL (the embedded database has no separate owner)',
      ],
    });
  });
});

describe("the portals' shared secret", () => {
  it('is optional outside production (then no caller may name the person’s address)', () => {
    const parsed = parseServerEnv({});
    expect(parsed.ok && parsed.env.HARBOUR_PORTAL_SECRET).toBeUndefined();
    const empty = parseServerEnv({ HARBOUR_PORTAL_SECRET: '' });
    expect(empty.ok && empty.env.HARBOUR_PORTAL_SECRET).toBeUndefined();
  });

  it('is required in production', () => {
    expect(parseServerEnv({ NODE_ENV: 'production' })).toEqual({
      ok: false,
      problems: [
        'HARBOUR_PORTAL_SECRET: HARBOUR_PORTAL_SECRET must be set when NODE_ENV=production (the secret shared with the portals)',
      ],
    });
    const parsed = parseServerEnv({ NODE_ENV: 'production', HARBOUR_PORTAL_SECRET });
    expect(parsed.ok && parsed.env.HARBOUR_PORTAL_SECRET).toBe(HARBOUR_PORTAL_SECRET);
  });

  it('is refused when short, without repeating it', () => {
    for (const NODE_ENV of ['production', 'development']) {
      const parsed = parseServerEnv({ NODE_ENV, HARBOUR_PORTAL_SECRET: 'x'.repeat(31) });
      expect(parsed).toEqual({
        ok: false,
        problems: ['HARBOUR_PORTAL_SECRET: HARBOUR_PORTAL_SECRET must be at least 32 characters'],
      });
    }
  });
});
