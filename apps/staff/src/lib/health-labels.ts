import type { HealthEntryKind } from '@harbour/domain/health/entries';
import type { HealthNeedStatus } from '@harbour/domain/health/needs';

/** A need's status as staff read it. */
export const needStatusLabels: Readonly<Record<HealthNeedStatus, string>> = {
  overdue: 'Overdue',
  due: 'Due',
  booked: 'Booked',
  declined: 'Declined',
  upcoming: 'Not yet due',
  met: 'Done',
  not_applicable: 'Not needed',
};

/** What an entry recorded. */
export const entryKindLabels: Readonly<Record<HealthEntryKind, string>> = {
  result: 'Test result',
  vaccine: 'Vaccine given',
  referral: 'Referred',
  done: 'Done',
  declined: 'Declined',
};
