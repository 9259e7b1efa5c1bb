import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { CalendarDate } from '../ids.ts';
import { openByRule } from '../tasks/build.ts';
import type { OpenTask, TaskToOpen } from '../tasks/task.ts';
import { isInDate, type KitEvent, kitsOn } from './kits.ts';

export interface ExpiryReminderInput {
  personId: string;
  /** The person's events (supplies and reports; others are ignored). */
  events: readonly KitEvent[];
  today: CalendarDate;
  /** The person's open tasks: no reminder while a naloxone task is already open. */
  openTasks?: readonly Pick<OpenTask, 'kind'>[];
  calendar?: WorkingCalendar;
}

/**
 * The expiry reminder to open today, if any (workflows.md "Naloxone": expiry reminders; 28 days ahead, as the
 * issue asks). Run by the day: a reminder opens once the person's longest-lasting in-date kit has 28 days or
 * fewer left, due by its expiry (brought forward to a working day). A second kit in date for longer means no
 * reminder yet; so does an open naloxone task, which a new supply closes just the same. Supplying a kit closes
 * the reminder (kinds.ts).
 */
export function naloxoneExpiryReminders(input: ExpiryReminderInput): TaskToOpen[] {
  const open = input.openTasks ?? [];
  if (open.some((t) => t.kind === 'naloxone_expiry' || t.kind === 'naloxone_supply')) return [];
  let longest: ReturnType<typeof kitsOn>[number] | null = null;
  for (const kit of kitsOn(input.events, input.today))
    if (isInDate(kit.status) && (longest === null || kit.expiresOn > longest.expiresOn)) longest = kit;
  if (longest?.status !== 'expiring') return [];
  const subject = {
    personId: input.personId,
    eventId: longest.supplyEventId,
    eventType: 'naloxone_supply' as const,
    eventOn: longest.suppliedOn,
  };
  return [
    openByRule('TSK-NALOXONE-EXPIRY', subject, {
      calendar: input.calendar,
      agreedOn: longest.expiresOn,
      whyDate: longest.expiresOn,
    }),
  ];
}
