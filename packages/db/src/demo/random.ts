import { addDays } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';

/** A small, fast, seeded PRNG (mulberry32): the same seed always gives the same demo organisation. */
export class Random {
  private state: number;
  private readonly stream: number | undefined;

  /**
   * `stream` (0 to 2^24 - 1) marks every id this generator makes. mulberry32 has only 32 bits of state, so two
   * generators seeded differently can walk the same sequence a few steps apart; per-person generators (one for
   * each of 100,000 people) then made the same id for two people's records on the same day. With a stream each,
   * two generators' ids always differ.
   */
  constructor(seed: number, stream?: number) {
    if (stream !== undefined && (!Number.isInteger(stream) || stream < 0 || stream > 0xffffff))
      throw new RangeError(`a stream is 0 to ${0xffffff}`);
    this.state = seed >>> 0;
    this.stream = stream;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A date in [from, to]. */
  dateBetween(from: CalendarDate, to: CalendarDate, span: number): CalendarDate {
    return addDays(from, this.int(0, Math.max(0, span)));
  }

  /** A UUIDv7-shaped id from this generator (deterministic, time-ordered by `ms`). */
  uuidv7(ms: number): string {
    const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
    const time = hex(Math.max(0, Math.floor(ms)), 12);
    const a = hex(this.int(0, 0xfff), 3);
    const b = hex(0x8000 | this.int(0, 0x3fff), 4);
    // The draw is made even when a stream replaces it, so a stream changes no other value this generator gives.
    const high = this.int(0, 0xffffff);
    const c = hex(this.stream ?? high, 6) + hex(this.int(0, 0xffffff), 6);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${a}-${b}-${c}`;
  }
}
