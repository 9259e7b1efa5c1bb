import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { combine, finding, type CheckResult } from './outcome.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';

/**
 * The date `months` calendar months after `date`, clamped to the end of a shorter month (31 January + 1 month
 * is 28 or 29 February), so a review is never due later than the calendar month allows.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = CalendarDate.parse(date).split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const PrescribingReviewInput = z
  .strictObject({
    lastReviewOn: CalendarDate,
    /** The next review date set on the plan. */
    nextReviewOn: CalendarDate,
    /** The date the check is made (today). */
    on: CalendarDate,
  })
  .refine((i) => i.nextReviewOn > i.lastReviewOn, {
    message: 'the next review must come after the last one',
    path: ['nextReviewOn'],
  });
export type PrescribingReviewInput = z.infer<typeof PrescribingReviewInput>;

/**
 * Checks the prescribing review: the next review may be set at most the service's interval (3 months) after the
 * last one (refused otherwise), and a review overdue on `on` (past the planned date or the interval) warns. It warns rather than refuses: an
 * overdue review must not stop a prescription, because interrupting OST is itself a cause of death.
 */
export function checkPrescribingReview(
  input: PrescribingReviewInput,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const { lastReviewOn, nextReviewOn, on } = PrescribingReviewInput.parse(input);
  const { reviewIntervalMonths: months } = OstSettings.parse(settings);
  const latest = addMonths(lastReviewOn, months);
  const planned =
    nextReviewOn > latest
      ? finding(
          'OST-REVIEW-INTERVAL',
          'refused',
          `The next review on ${nextReviewOn} is more than ${months} months after the last (${lastReviewOn}); ` +
            `set it on or before ${latest}.`,
        )
      : finding('OST-REVIEW-INTERVAL', 'ok', `Next review ${nextReviewOn} (due by ${latest}).`);
  // Due by the planned date, and never later than the interval allows.
  const dueBy = nextReviewOn < latest ? nextReviewOn : latest;
  const overdue =
    on > dueBy
      ? finding(
          'OST-REVIEW-INTERVAL',
          'warning',
          `The prescribing review was due by ${dueBy} and is overdue; book it now and record why it lapsed.`,
        )
      : finding('OST-REVIEW-INTERVAL', 'ok', `Review not overdue on ${on} (due by ${dueBy}).`);
  return combine(planned, overdue);
}
