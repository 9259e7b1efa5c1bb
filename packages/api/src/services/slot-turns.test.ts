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

const noLook = async (): Promise<void> => undefined;

/** An attempt whose booking does not take the slot's last place unless told. */
function attempt<T>(book: () => Promise<T>, look = noLook, tookLast = false) {
  return { look, book, tookLast: () => tookLast, full: () => new Error('That time is full.') };
}

describe('turns at a slot', () => {
  it('lets attempts at one slot book one at a time, in the order they came, looking first after waiting', async () => {
    const turns = new SlotTurns();
    const order: string[] = [];
    const first = gate();
    const a = turns.take(
      'slot',
      attempt(async () => {
        order.push('a books');
        await first.opened;
        order.push('a answers');
      }),
    );
    const b = turns.take(
      'slot',
      attempt(
        async () => {
          order.push('b books');
        },
        async () => {
          order.push('b looks');
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['a books']);
    first.open();
    await Promise.all([a, b]);
    expect(order).toEqual(['a books', 'a answers', 'b looks', 'b books']);
    expect(turns.held).toBe(0);
  });

  it('refuses the attempts behind a booking by their look, without their booking', async () => {
    const turns = new SlotTurns();
    const first = gate();
    let booked = 0;
    const book = async (): Promise<string> => {
      booked++;
      await first.opened;
      return 'booked';
    };
    const full = async (): Promise<void> => {
      if (booked > 0) throw new Error('That time is full.');
    };
    const attempts = Array.from({ length: 5 }, () => turns.take('slot', attempt(book, full)));
    first.open();
    const settled = await Promise.allSettled(attempts);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(booked).toBe(1);
    expect(turns.held).toBe(0);
  });

  it('refuses those behind a booking that took the last place without a look', async () => {
    const turns = new SlotTurns();
    const first = gate();
    let looks = 0;
    const look = async (): Promise<void> => {
      looks++;
    };
    const a = turns.take(
      'slot',
      attempt(() => first.opened.then(() => 'booked'), look, true),
    );
    const behind = Array.from({ length: 3 }, () =>
      turns.take(
        'slot',
        attempt(async () => 'booked too', look),
      ),
    );
    first.open();
    await expect(a).resolves.toBe('booked');
    for (const b of behind) await expect(b).rejects.toThrow('That time is full.');
    expect(looks).toBe(0);
    expect(turns.held).toBe(0);
  });

  it('does not hold one slot up for another', async () => {
    const turns = new SlotTurns();
    const first = gate();
    const a = turns.take(
      'one',
      attempt(() => first.opened),
    );
    await expect(
      turns.take(
        'two',
        attempt(async () => 'booked'),
      ),
    ).resolves.toBe('booked');
    first.open();
    await a;
  });

  it('hands the turn on when a booking fails, and those behind it look and book', async () => {
    const turns = new SlotTurns();
    const failing = gate();
    const a = turns.take(
      'slot',
      attempt(
        async () => {
          await failing.opened;
          throw new Error('the database went away');
        },
        noLook,
        true,
      ),
    );
    const b = turns.take(
      'slot',
      attempt(async () => 'booked'),
    );
    failing.open();
    await expect(a).rejects.toThrow('the database went away');
    await expect(b).resolves.toBe('booked');
    expect(turns.held).toBe(0);
  });
});
