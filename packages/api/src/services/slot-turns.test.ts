import { describe, expect, it } from 'vitest';
import { SlotTurns } from './slot-turns.ts';

/** A promise and the function that settles it, for ordering attempts by hand. */
function gate() {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** An attempt whose booking does not take the slot's last place unless told. */
function attempt<T>(book: () => Promise<T>, tookLast = false) {
  return { book, tookLast: () => tookLast, full: () => new Error('That time is full.') };
}

describe('turns at a slot', () => {
  it('lets the attempts at one slot book one at a time, however many wait, while places are left', async () => {
    const turns = new SlotTurns();
    let booking = 0;
    let most = 0;
    let booked = 0;
    const book = async (): Promise<number> => {
      booking++;
      most = Math.max(most, booking);
      await new Promise((resolve) => setTimeout(resolve, 1));
      booking--;
      return ++booked;
    };
    const attempts = Array.from({ length: 20 }, () => turns.take('org:slot', attempt(book)));
    expect(await Promise.all(attempts)).toHaveLength(20);
    expect([most, booked, turns.held]).toEqual([1, 20, 0]);
  });

  it('refuses everyone behind a booking that took the last place, without their bookings', async () => {
    const turns = new SlotTurns();
    const first = gate();
    let bookings = 0;
    const a = turns.take(
      'org:slot',
      attempt(async () => {
        bookings++;
        await first.opened;
        return 'booked';
      }, true),
    );
    const behind = Array.from({ length: 3 }, () =>
      turns.take(
        'org:slot',
        attempt(async () => {
          bookings++;
          return 'booked too';
        }),
      ),
    );
    first.open();
    await expect(a).resolves.toBe('booked');
    for (const b of behind) await expect(b).rejects.toThrow('That time is full.');
    expect([bookings, turns.held]).toEqual([1, 0]);
  });

  it('does not hold one slot up for another', async () => {
    const turns = new SlotTurns();
    const first = gate();
    const a = turns.take(
      'org:one',
      attempt(() => first.opened),
    );
    await expect(
      turns.take(
        'org:two',
        attempt(async () => 'booked'),
      ),
    ).resolves.toBe('booked');
    first.open();
    await a;
  });

  it('hands the turn on when a booking fails, even one that would have taken the last place', async () => {
    const turns = new SlotTurns();
    const failing = gate();
    const a = turns.take(
      'org:slot',
      attempt(async () => {
        await failing.opened;
        throw new Error('the database went away');
      }, true),
    );
    const b = turns.take(
      'org:slot',
      attempt(async () => 'booked'),
    );
    failing.open();
    await expect(a).rejects.toThrow('the database went away');
    await expect(b).resolves.toBe('booked');
    expect(turns.held).toBe(0);
  });
});
