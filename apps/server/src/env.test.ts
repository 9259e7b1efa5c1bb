import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env.ts';

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
    expect(parseServerEnv({ NODE_ENV: 'production', HARBOUR_DEV_IDENTITY: '1' })).toEqual({
      ok: false,
      problems: ['HARBOUR_DEV_IDENTITY: HARBOUR_DEV_IDENTITY must not be set when NODE_ENV=production'],
    });
  });
});
