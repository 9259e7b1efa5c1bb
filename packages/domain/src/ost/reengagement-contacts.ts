import { z } from 'zod';
import { Id } from '../ids.ts';
import type { CalendarDate } from '../ids.ts';
import { reEngagementModes, type EventDetails } from '../events.ts';
import type { ReEngagementAttempt, ReEngagementCascade, ReEngagementStep } from './reengagement.ts';

/** A recorded contact event, as the re-engagement cascade reads it. */
export interface RecordedContact {
  on: CalendarDate;
  by: string;
  details: EventDetails<'contact'>;
}

/** The cascade's step a contact by `mode` is, if it is one of the cascade's routes. */
const stepOfMode = (mode: EventDetails<'contact'>['mode']): ReEngagementStep | undefined =>
  reEngagementModes.find((step) => step === mode);

/**
 * The re-engagement cascade as the record holds it: it starts on the day the re-engagement task was opened,
 * and each contact recorded since is an attempt — a contact by one of the cascade's routes that did not
 * reach them is that step tried (`no_reply`), or `not_possible` with why when the contact says it could not be
 * tried; any contact they attended (in person, by video, outreach, or by a cascade route) reached them.
 */
export function cascadeFromContacts(
  startedOn: CalendarDate,
  contacts: readonly RecordedContact[],
): ReEngagementCascade {
  const attempts: ReEngagementAttempt[] = [];
  for (const c of contacts) {
    const step = stepOfMode(c.details.mode);
    const why = c.details.notPossible;
    if (c.details.attended) attempts.push({ step: step ?? 'phone', on: c.on, by: c.by, result: 'reached' });
    else if (step !== undefined && why !== undefined)
      attempts.push({ step, on: c.on, by: c.by, result: 'not_possible', why });
    else if (step !== undefined) attempts.push({ step, on: c.on, by: c.by, result: 'no_reply' });
  }
  return { startedOn, attempts };
}

/** `ost.exit.dischargeForNonAttendance`: the team lead's sign-off of a discharge, for the person's open episode. */
export const DischargeForNonAttendanceInput = z.strictObject({ personId: Id });
export type DischargeForNonAttendanceInput = z.infer<typeof DischargeForNonAttendanceInput>;
