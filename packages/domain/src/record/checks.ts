import type { Issue } from '../errors.ts';
import type { EventPayload } from '../events.ts';
import type { CalendarDate } from '../ids.ts';
import type { FactPayload } from './facts.ts';

/**
 * The checks a clinical entry must pass before it is written, beyond its schema: dates that cannot be true
 * (after today, before the person was born, a discharge before its admission, a kit expiring before it was
 * supplied) and details that contradict each other. A risk window counted from an impossible date is silently
 * wrong, so these are refusals, each naming its field as the form shows it (`occurredOn`, `details.admittedOn`).
 */

export interface EntryContext {
  /** Today in Europe/London. */
  today: CalendarDate;
  dateOfBirth: CalendarDate;
  /** Ids of the person's naloxone supply events (a kit report must name one of them, or none). */
  naloxoneSupplyIds: readonly string[];
}

/** A date of the entry that cannot be true: after today, or before the person was born. */
function dateIssues(path: (string | number)[], date: CalendarDate, ctx: EntryContext, what: string): Issue[] {
  if (date > ctx.today) return [{ path, message: `${what} cannot be in the future` }];
  if (date < ctx.dateOfBirth) return [{ path, message: `${what} cannot be before their date of birth` }];
  return [];
}

/** Problems with an event about to be recorded on `occurredOn`. Empty when it may be written. */
export function checkEventEntry(payload: EventPayload, occurredOn: CalendarDate, ctx: EntryContext): Issue[] {
  const issues = dateIssues(['occurredOn'], occurredOn, ctx, 'The date');
  switch (payload.type) {
    case 'hospital_discharge': {
      const admitted = payload.details.admittedOn;
      if (admitted !== null) {
        issues.push(...dateIssues(['details', 'admittedOn'], admitted, ctx, 'The admission date'));
        if (admitted > occurredOn)
          issues.push({
            path: ['details', 'admittedOn'],
            message: 'The admission date must be on or before the discharge date',
          });
      }
      break;
    }
    case 'ost_dose_change':
      if (payload.details.fromMg === payload.details.toMg)
        issues.push({ path: ['details', 'toMg'], message: 'The new dose is the same as the old one' });
      break;
    case 'naloxone_supply': {
      const { supplyType, repeatReason, expiresOn } = payload.details;
      if (expiresOn <= occurredOn)
        issues.push({
          path: ['details', 'expiresOn'],
          message: 'The expiry date must be after the day the kit was supplied',
        });
      if (supplyType === 'repeat' && repeatReason === null)
        issues.push({ path: ['details', 'repeatReason'], message: 'Say why a repeat kit was needed' });
      if (supplyType === 'first' && repeatReason !== null)
        issues.push({ path: ['details', 'repeatReason'], message: 'A first kit has no repeat reason' });
      break;
    }
    case 'naloxone_report': {
      const named = payload.details.supplyEventId;
      if (named !== null && !ctx.naloxoneSupplyIds.includes(named))
        issues.push({
          path: ['details', 'supplyEventId'],
          message: 'Choose one of this person’s naloxone kits',
        });
      break;
    }
    default:
      break;
  }
  return issues;
}

/** Problems with a current fact about to be recorded as true on `recordedOn`. Empty when it may be written. */
export function checkFactEntry(payload: FactPayload, recordedOn: CalendarDate, ctx: EntryContext): Issue[] {
  const issues = dateIssues(['recordedOn'], recordedOn, ctx, 'The date');
  if (payload.kind === 'injecting' && payload.details.lastInjectedOn !== null) {
    const last = payload.details.lastInjectedOn;
    issues.push(...dateIssues(['details', 'lastInjectedOn'], last, ctx, 'The last injection'));
    if (last > recordedOn)
      issues.push({
        path: ['details', 'lastInjectedOn'],
        message: 'The last injection cannot be after the day this is recorded',
      });
  }
  if (payload.kind === 'co_prescriptions' && payload.details.gpReviewedOn !== null)
    issues.push(...dateIssues(['details', 'gpReviewedOn'], payload.details.gpReviewedOn, ctx, 'The review'));
  return issues;
}
