/**
 * Turns at a slot, within one server process (issue 11, ADR 0011): while this process is booking a slot for one
 * person, other people's attempts at the same slot wait here, holding no database connection, instead of each
 * taking one of the pool's connections to queue on the slot's row lock. When the booking before them has
 * answered: if it took the slot's last place, they are all refused at once (the slot was full when that booking
 * committed, during their own requests); otherwise (a place left, a refusal, an error) the next of them takes its
 * turn, and the rest wait again, in memory.
 *
 * This is not what keeps two people out of one place: that is the slot's row lock and the places' unique index,
 * in PostgreSQL, whatever the number of processes. It only stops a crowd at one slot from filling the pool, so
 * that the booking that fills the slot is not queued behind ninety attempts that are bound to be refused.
 */

/** One attempt at a slot. */
export interface SlotAttempt<T> {
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

  /**
   * Runs the attempt's booking holding the turn at `slot` (a key naming the slot within its organisation), after
   * any attempt already holding it.
   */
  async take<T>(slot: string, attempt: SlotAttempt<T>): Promise<T> {
    for (let ahead = this.#busy.get(slot); ahead !== undefined; ahead = this.#busy.get(slot)) {
      if (await ahead) throw attempt.full();
    }
    // Checked and taken with nothing awaited in between, so only one attempt can hold the turn.
    let handOn = (_tookLast: boolean): void => undefined;
    this.#busy.set(
      slot,
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
      this.#busy.delete(slot);
      handOn(tookLast);
    }
  }

  /** Slots with a turn held (for tests: none is left held after its attempt). */
  get held(): number {
    return this.#busy.size;
  }
}
