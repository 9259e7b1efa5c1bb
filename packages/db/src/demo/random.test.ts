import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';

// mulberry32 steps its 32-bit state by 0x6d2b79f5 a draw, so a generator seeded one step ahead of another walks
// the same sequence one draw behind it: the shape behind two people's records once sharing an id at 100,000.
const STEP = 0x6d2b79f5;

describe('demo ids', () => {
  it('differ between two generators on the same sequence when each has its own stream', () => {
    const first = new Random(12345, 1);
    const second = new Random((12345 + STEP) >>> 0, 2);
    first.next();
    const ms = Date.parse('2026-07-03T10:00:00Z');
    const a = first.uuidv7(ms);
    const b = second.uuidv7(ms);
    expect(a.slice(0, 23)).toBe(b.slice(0, 23));
    expect(a).not.toBe(b);
  });

  it('are the same without streams, which is why every per-person generator has one', () => {
    const first = new Random(12345);
    const second = new Random((12345 + STEP) >>> 0);
    first.next();
    const ms = Date.parse('2026-07-03T10:00:00Z');
    expect(first.uuidv7(ms)).toBe(second.uuidv7(ms));
  });

  it('refuses a stream that would not fit in an id', () => {
    expect(() => new Random(1, 0x1000000)).toThrow(RangeError);
    expect(() => new Random(1, -1)).toThrow(RangeError);
  });
});
