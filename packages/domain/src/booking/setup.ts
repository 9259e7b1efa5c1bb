import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { HealthNeedCode } from '../health/catalogue.ts';
import { CalendarDate, Id, type Instant } from '../ids.ts';
import { MINUTE_MS } from './clinic.ts';

/**
 * Setting up a clinic session as staff type it: a London day, a start and end time on the clock, the length of
 * each slot, how many people each slot takes, the checks offered and who runs it. `slotTimes` turns it into
 * instants (the clock change is handled: 09:00 in London is 09:00 UTC in winter and 08:00 UTC in summer) and cuts
 * the session into whole slots; a remainder shorter than a slot is left unbooked.
 */
/** A time on the clock in 5-minute steps, `00:00` to `23:55` (a closed list: no free text reaches the API). */
export const clockTimes: readonly string[] = Array.from({ length: 288 }, (_, i) => {
  const minutes = i * 5;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
const ClockTime = z.enum(clockTimes as [string, ...string[]], {
  error: 'Enter a time like 09:30, in 5-minute steps',
});

export const SessionSetup = z
  .strictObject({
    clinicId: Id,
    date: CalendarDate,
    startTime: ClockTime,
    endTime: ClockTime,
    /** Minutes per slot. */
    slotMinutes: z.int().min(5, 'A slot is at least 5 minutes').max(240, 'A slot is at most 4 hours'),
    capacity: z.int().min(1, 'At least 1 person per slot').max(50, 'At most 50 people per slot'),
    checks: z.array(HealthNeedCode).min(1, 'Choose at least one check').max(30),
    staffIds: z.array(Id).min(1, 'Choose who runs the session').max(20),
  })
  .refine((s) => s.endTime > s.startTime, { message: 'The end is after the start', path: ['endTime'] });
export type SessionSetup = z.infer<typeof SessionSetup>;

const offsetFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The London wall-clock time of an instant, as `YYYY-MM-DDTHH:MM`. */
function londonWallClock(ms: number): string {
  const parts = Object.fromEntries(offsetFormatter.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The London calendar day and `HH:MM` clock time of an instant (a booking's start, as the person is told it). */
export function londonDayAndTime(instant: string): { on: CalendarDate; time: string } {
  const [on = '', time = ''] = londonWallClock(Date.parse(instant)).split('T');
  return { on, time };
}

/** The instant at which London's clock shows `time` on `date` (the earlier one in the autumn's repeated hour). */
export function londonInstant(date: CalendarDate, time: string): Instant {
  const wanted = `${date}T${time}`;
  const asUtc = Date.parse(`${wanted}:00Z`);
  // London is UTC or UTC+1: try the summer offset first, then winter.
  for (const offsetHours of [1, 0]) {
    const ms = asUtc - offsetHours * 60 * MINUTE_MS;
    if (londonWallClock(ms) === wanted) return new Date(ms).toISOString();
  }
  // In the spring's missing hour (01:00–02:00): the same time after the jump, e.g. 01:30 is 02:30 BST.
  return new Date(asUtc).toISOString();
}

export interface SessionTimes {
  startsAt: Instant;
  endsAt: Instant;
  slots: { startsAt: Instant; endsAt: Instant }[];
}

/** The session's instants and its slots. Invalid input throws `INVALID_INPUT` naming the field. */
export function slotTimes(input: SessionSetup): SessionTimes {
  const parsed = SessionSetup.safeParse(input);
  if (!parsed.success)
    throw new DomainError(
      'INVALID_INPUT',
      'The session is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    );
  const s = parsed.data;
  const startsAt = londonInstant(s.date, s.startTime);
  const endsAt = londonInstant(s.date, s.endTime);
  const step = s.slotMinutes * MINUTE_MS;
  const slots: SessionTimes['slots'] = [];
  for (let at = Date.parse(startsAt); at + step <= Date.parse(endsAt); at += step)
    slots.push({ startsAt: new Date(at).toISOString(), endsAt: new Date(at + step).toISOString() });
  if (slots.length === 0)
    throw new DomainError('INVALID_INPUT', 'The session is not valid', [
      { path: ['slotMinutes'], message: 'The session is shorter than one slot' },
    ]);
  if (slots.length > 200)
    throw new DomainError('INVALID_INPUT', 'The session is not valid', [
      { path: ['slotMinutes'], message: 'That makes more than 200 slots: make them longer' },
    ]);
  return { startsAt, endsAt, slots };
}
