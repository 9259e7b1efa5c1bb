import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { EventDetails } from '../events.ts';
import type { CalendarDate } from '../ids.ts';
import { openByRule } from '../tasks/build.ts';
import type { TaskToOpen } from '../tasks/task.ts';
import { caseReviewActionCatalogue } from './template.ts';

/** A recorded case review, as the task rules read it. */
export interface CaseReviewEvent {
  id: string;
  personId: string;
  occurredOn: CalendarDate;
  details: EventDetails<'case_review'>;
}

/**
 * The tasks a recorded review opens: one per agreed action, for its owner, due by its date (brought forward to
 * a working day). An action that is a naloxone supply or a dose review opens that kind of task, so recording
 * the supply closes it. Reviews stored before the template (no `actions`) open none.
 */
export function caseReviewActionTasks(review: CaseReviewEvent, calendar?: WorkingCalendar): TaskToOpen[] {
  const subject = {
    personId: review.personId,
    eventId: review.id,
    eventType: 'case_review' as const,
    eventOn: review.occurredOn,
  };
  return (review.details.actions ?? []).map((action) => {
    const entry = caseReviewActionCatalogue[action.action];
    return openByRule('TSK-CASE-REVIEW-ACTION', subject, {
      calendar,
      agreedOn: action.dueOn,
      kind: entry.kind,
      assignee: action.owner,
      whySuffix: entry.label,
      note: action.note,
    });
  });
}
