import { z } from 'zod';
import { CalendarDate } from './ids.ts';

/**
 * Follow-ups the pure rules ask for, as plain data: a task to open or an alert to send, for whom, by when and
 * why in plain words. The domain never stores them; the service that applies a recording opens them in the
 * same transaction (task storage and its kinds live in src/tasks/, which maps these kinds onto its own).
 */
export const followUpTaskKinds = [
  /** Missed doses or an overdue injection: phone, text, pharmacy, home visit, nominated contact. */
  're_engagement',
  /** Dispensing is blocked after missed days: a prescriber reviews before the next dose. */
  'missed_dose_review',
  /** Look at the supervision decision again (a dose change, missed doses, intoxication, a restart). */
  'supervision_review',
  /** An urgent self-assessment answer: a human makes contact the same day. */
  'urgent_contact',
  /** A missed health-check booking: reach out and offer another; never a removal. */
  'outreach_missed_booking',
] as const;
export const FollowUpTaskKind = z.enum(followUpTaskKinds);
export type FollowUpTaskKind = z.infer<typeof FollowUpTaskKind>;

export const followUpRecipients = ['prescriber', 'keyworker'] as const;
export const FollowUpRecipient = z.enum(followUpRecipients);
export type FollowUpRecipient = z.infer<typeof FollowUpRecipient>;

export const FollowUp = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('task'),
    kind: FollowUpTaskKind,
    /** Who holds it: the person's prescriber or keyworker (the service resolves who that is). */
    assignee: FollowUpRecipient,
    dueOn: CalendarDate,
    /** Why, in plain words for staff. No names: the task links to the person. */
    reason: z.string().min(1),
    /** The rule or instrument alert that asked for it, for the audit trail. */
    source: z.string().min(1),
  }),
  z.strictObject({
    type: z.literal('alert'),
    to: FollowUpRecipient,
    on: CalendarDate,
    reason: z.string().min(1),
    source: z.string().min(1),
  }),
]);
export type FollowUp = z.infer<typeof FollowUp>;
