/**
 * Turns at a slot, within one server process (issue 11, ADR 0011): while this process is booking a slot for one
 * person, other people's attempts at the same slot wait here, holding no database connection, instead of each
 * taking one of the pool's connections to queue on the slot's row lock. When the booking before them has
 * answered: if it took the slot's last place, they are all refused at once (the slot was full when that booking
 * committed, during their own requests); otherwise each first looks at the slot (one round trip, no lock), and
 * only those who still find it free take their turn at the lock, one at a time.
 *
 * This is not what keeps two people out of one place: that is the slot's row lock and the places' unique index,
 * in PostgreSQL, whatever the number of processes. It only stops a crowd at one slot from filling the pool, so
 * that the booking that fills the slot is not queued behind ninety attempts that are bound to be refused.
 */

/** One attempt at a slot. */
export interface SlotAttempt<T> {
  /** A quick look after waiting for a turn: throws to refuse (a slot now full, or gone). */
  look(): Promise<void>;
  /** The booking itself, holding the turn. */
  book(): Promise<T>;
  /** Whether the booking took the slot's last place. */
  tookLast(booked: T): boolean;
  /** The refusal for those behind a booking that took the last place. */
  full(): Error;
}

export class SlotTurns {
  /** Each held turn, settled when it is handed on: true when its booking took the slot's last place. */
  readonly #busy = new Map<string, Promise<boolean>>();

  /** Runs the attempt's booking holding the turn at `slotId`, after any attempt already holding it. */
  async take<T>(slotId: string, attempt: SlotAttempt<T>): Promise<T> {
    for (let ahead = this.#busy.get(slotId); ahead !== undefined; ahead = this.#busy.get(slotId)) {
      if (await ahead) throw attempt.full();
      await attempt.look();
    }
    // Checked and taken with nothing awaited in between, so only one attempt can hold the turn.
    let handOn = (_tookLast: boolean): void => undefined;
    this.#busy.set(
      slotId,
      new Promise<boolean>((resolve) => {
        handOn = resolve;
      }),
    );
    let tookLast = false;
    try {
      const booked = await attempt.book();
      tookLast = attempt.tookLast(booked);
      return booked;
    } finally {
      this.#busy.delete(slotId);
      handOn(tookLast);
    }
  }

  /** Slots with a turn held (for tests: none is left held after its attempt). */
  get held(): number {
    return this.#busy.size;
  }
}
