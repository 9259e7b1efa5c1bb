import type { CalendarDate } from '../ids.ts';
import { addDays } from '../dates.ts';
import {
  competencyKinds,
  type CompetencyKind,
  type CompetencyLike,
  competencyOn,
  type CompetencySettings,
  defaultCompetencySettings,
} from './competencies.ts';

/**
 * A reminder to the member of staff (and the administrators who keep the register) that a competency is
 * expiring or has expired. A distinct shape from a task: tasks are about a person on the caseload; this is about
 * the member of staff, shown on their own task page and on the register.
 */
export interface CompetencyReminder {
  staffId: string;
  kind: CompetencyKind;
  status: 'expiring' | 'expired';
  expiresOn: CalendarDate;
  /** The first day of the reminder (`remindDaysBeforeExpiry` before expiry). */
  remindFrom: CalendarDate;
}

/** The reminders on `today` for all the staff in `records`: one per member of staff and kind that needs one. */
export function competencyReminders(
  records: readonly CompetencyLike[],
  today: CalendarDate,
  settings: CompetencySettings = defaultCompetencySettings,
): CompetencyReminder[] {
  const byStaff = new Map<string, CompetencyLike[]>();
  for (const r of records) byStaff.set(r.staffId, [...(byStaff.get(r.staffId) ?? []), r]);
  const reminders: CompetencyReminder[] = [];
  for (const [staffId, own] of byStaff) {
    for (const kind of competencyKinds) {
      const { status, record } = competencyOn(own, kind, today, settings);
      if (record === null || (status !== 'expiring' && status !== 'expired')) continue;
      reminders.push({
        staffId,
        kind,
        status,
        expiresOn: record.expiresOn,
        remindFrom: addDays(record.expiresOn, -settings.remindDaysBeforeExpiry),
      });
    }
  }
  return reminders;
}
