import { z } from 'zod';
import { Id } from '../ids.ts';
import type { CalendarDate } from '../ids.ts';
import type { EventDetails } from '../events.ts';
import type { ReEngagementAttempt, ReEngagementCascade, ReEngagementStep } from './reengagement.ts';

/** A recorded contact event, as the re-engagement cascade reads it. */
export interface RecordedContact {
  on: CalendarDate;
  by: string;
  details: EventDetails<'contact'>;
}

const stepOfMode: Partial<Record<EventDetails<'contact'>['mode'], ReEngagementStep>> = {
  phone: 'phone',
  text: 'text',
  pharmacy_liaison: 'pharmacy_liaison',
  home_visit: 'home_visit',
  nominated_contact: 'nominated_contact',
};

/**
 * The re-engagement cascade as the record holds it: it starts on the day the re-engagement task was opened,
 * and each contact recorded since is an attempt — a contact by one of the cascade's routes that did not
 * reach them is that step tried (`no_reply`); any contact they attended (in person, by video, outreach, or by
 * a cascade route) reached them.
 */
export function cascadeFromContacts(
  startedOn: CalendarDate,
  contacts: readonly RecordedContact[],
): ReEngagementCascade {
  const attempts: ReEngagementAttempt[] = [];
  for (const c of contacts) {
    const step = stepOfMode[c.details.mode];
    if (c.details.attended) attempts.push({ step: step ?? 'phone', on: c.on, by: c.by, result: 'reached' });
    else if (step !== undefined) attempts.push({ step, on: c.on, by: c.by, result: 'no_reply' });
  }
  return { startedOn, attempts };
}

/** `ost.exit.dischargeForNonAttendance`: the team lead's sign-off of a discharge, for the person's open episode. */
export const DischargeForNonAttendanceInput = z.strictObject({ personId: Id });
export type DischargeForNonAttendanceInput = z.infer<typeof DischargeForNonAttendanceInput>;
