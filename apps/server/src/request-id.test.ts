import { describe, expect, it } from 'vitest';
import { requestIdOf } from './app.ts';

describe('request ids (joined to audit rows)', () => {
  it("keeps a portal's plain id", () => {
    expect(requestIdOf('2f1c9a4e-7d3b-4c1a-9a7e-0b6c8d2e1f30')).toBe('2f1c9a4e-7d3b-4c1a-9a7e-0b6c8d2e1f30');
    expect(requestIdOf('req_01.a-b')).toBe('req_01.a-b');
  });

  it('replaces a missing, repeated, over-long or unsafe id with a fresh one', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const given of [undefined, ['a', 'b'], 'x'.repeat(65), 'Dean Walsh', 'id\nforged log line', ''])
      expect(requestIdOf(given)).toMatch(uuid);
    expect(requestIdOf(undefined)).not.toBe(requestIdOf(undefined));
  });
});
