import type { CalendarDate } from '../ids.ts';
import { addMonths, earliest, latest, overdueFrom } from './calendar.ts';
import type { HealthFacts } from './facts.ts';
import type { HealthSettings } from './settings.ts';

/**
 * What one need's rule concludes before declines and bookings are considered (needs.ts applies those the same
 * way for every need):
 * - `not_applicable`: the need does not apply to this person on this date;
 * - `met`: nothing is needed on this date; `nextDue` says when it will be needed again (null: never);
 * - `pending`: something is needed: due from `dueDate` (in the future: upcoming), overdue from `overdueFrom`.
 */
export type Evaluation =
  | { kind: 'not_applicable'; reason: string }
  | { kind: 'met'; lastDone: CalendarDate | null; nextDue: CalendarDate | null; reason: string }
  | {
      kind: 'pending';
      dueDate: CalendarDate;
      overdueFrom: CalendarDate;
      lastDone: CalendarDate | null;
      reason: string;
    };

export interface EvaluationContext {
  /** The facts as they stood on `asOf` (factsAsOf). */
  facts: HealthFacts;
  asOf: CalendarDate;
  settings: HealthSettings;
}

/** Something the person needs: due from `due`, overdue after `graceDays` more. */
export interface Requirement {
  due: CalendarDate;
  graceDays: number;
  reason: string;
}

/** The need does not apply, and why. */
export const notApplicable = (reason: string): Evaluation => ({ kind: 'not_applicable', reason });

/** Nothing is needed now; `nextDue` is when it will be (null: never again). */
export const met = (
  lastDone: CalendarDate | null,
  nextDue: CalendarDate | null,
  reason: string,
): Evaluation => ({
  kind: 'met',
  lastDone,
  nextDue,
  reason,
});

/** Something is needed: due from the requirement's date, overdue after its grace. */
export function pending(requirement: Requirement, lastDone: CalendarDate | null): Evaluation {
  return {
    kind: 'pending',
    dueDate: requirement.due,
    overdueFrom: overdueFrom(requirement.due, requirement.graceDays),
    lastDone,
    reason: requirement.reason,
  };
}

/**
 * Combines a need's requirements: if any is unmet, the need is pending at the EARLIEST unmet due date (the most
 * overdue one is the one that matters); otherwise it is met until the earliest of `upcoming`.
 */
export function decide(
  unmet: readonly (Requirement | null)[],
  lastDone: CalendarDate | null,
  upcoming: readonly (CalendarDate | null)[],
  metReason: string,
): Evaluation {
  const open = unmet.filter((r): r is Requirement => r !== null);
  const first = open.reduce<Requirement | null>(
    (min, r) => (min === null || r.due < min.due ? r : min),
    null,
  );
  if (first !== null) return pending(first, lastDone);
  return met(lastDone, earliest(upcoming.filter((d): d is CalendarDate => d !== null)), metReason);
}

/**
 * The usual shape: first due at `firstDue`, then every `intervalMonths` after the last time it was done (null
 * interval: once). Never done → pending from `firstDue`; done and next due later → met; next due now → pending.
 */
export function recurringNeed(args: {
  done: readonly CalendarDate[];
  firstDue: CalendarDate;
  intervalMonths: number | null;
  graceDays: number;
  asOf: CalendarDate;
  what: string;
}): Evaluation {
  const last = latest(args.done);
  if (last === null) {
    return pending(
      { due: args.firstDue, graceDays: args.graceDays, reason: `No ${args.what} recorded.` },
      null,
    );
  }
  if (args.intervalMonths === null) return met(last, null, `${capitalise(args.what)} done on ${last}.`);
  const next = addMonths(last, args.intervalMonths);
  if (args.asOf < next) return met(last, next, `${capitalise(args.what)} done on ${last}; next due ${next}.`);
  return pending(
    { due: next, graceDays: args.graceDays, reason: `Last ${args.what} on ${last}; due again.` },
    last,
  );
}

/** The text with its first letter in capitals. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Injected in the last 12 months (the brief's window), or injecting now. */
export function injectedInLastYear(facts: HealthFacts, asOf: CalendarDate): boolean {
  const last = facts.injecting.lastInjectedOn;
  return facts.injecting.current || (last !== null && last >= addMonths(asOf, -12));
}
