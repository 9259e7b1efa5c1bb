import type { WorkingCalendar } from '../calendar/working-days.ts';
import { CalendarDate } from '../ids.ts';
import { openByRule } from './build.ts';
import { parseInput } from './input.ts';
import type { TaskToOpen } from './task.ts';
import { z } from 'zod';

export const ContactRequestForTask = z.strictObject({
  /** The day the request arrived (day 0). */
  receivedOn: CalendarDate,
  /** The person's answers on the anonymous check included an urgent one. */
  urgent: z.boolean(),
});
export type ContactRequestForTask = z.infer<typeof ContactRequestForTask>;

/**
 * The duty queue's task for an anonymous "ask someone to contact me" from the self-check (about no one, so
 * `personId` is null): for the team, the same day when an answer was urgent (`TSK-CONTACT-REQUEST-URGENT`),
 * otherwise by the next working day (`TSK-CONTACT-REQUEST`). The list line never carries the name or number:
 * the service keeps those with the request. Invalid input is refused (`INVALID_INPUT`).
 */
export function taskForContactRequest(
  request: ContactRequestForTask,
  calendar?: WorkingCalendar,
): TaskToOpen {
  const r = parseInput(ContactRequestForTask, request, ['request'], 'The contact request is not valid');
  return openByRule(
    r.urgent ? 'TSK-CONTACT-REQUEST-URGENT' : 'TSK-CONTACT-REQUEST',
    { personId: null, eventId: null, eventType: null, eventOn: r.receivedOn },
    { calendar },
  );
}
