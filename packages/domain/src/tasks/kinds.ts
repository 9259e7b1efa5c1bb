import { z } from 'zod';
import type { RoleAssignee } from './assignee.ts';
import type { CancelReason, TaskOutcome, TaskPriority } from './vocabulary.ts';

/**
 * The kinds of task, as one catalogue: adding a kind is one entry here (plus the rule that opens it, in
 * rules.ts). Each kind says who it goes to by default, its priority, the outcomes staff may record, and the
 * recorded events that close it by themselves (`closedBy`), so "recording the contact closes the task" is data,
 * not a branch in a route.
 *
 * Some kinds are opened by other issues' rules (missed doses, self-assessments, the duty queue, health
 * bookings): they are here so their tasks share one list, one lifecycle and one vocabulary.
 */

/** Recorded events that can close a task: `on` the event, the task ends with `result`. */
export const closingEvents = [
  'attended_contact',
  'naloxone_supply',
  'ost_start',
  'ost_dose_change',
  'ost_exit',
  'case_review',
] as const;
export type ClosingEvent = (typeof closingEvents)[number];

export type CloserResult =
  { status: 'done'; outcome: TaskOutcome } | { status: 'cancelled'; reason: CancelReason };

export interface TaskCloser {
  on: ClosingEvent;
  result: CloserResult;
}

export interface TaskKindDefinition {
  label: string;
  /** Who it goes to unless the rule that opens it says otherwise. */
  assignee: RoleAssignee;
  priority: TaskPriority;
  /** The outcomes staff may record when they complete it by hand. */
  outcomes: readonly TaskOutcome[];
  closedBy: readonly TaskCloser[];
  /**
   * `anonymous`: a request from someone with no record (the duty queue); `staff`: about the member of staff it is
   * for (a competency to renew, competency/reminders.ts); every other task is about a person.
   */
  subject: 'person' | 'anonymous' | 'staff';
  /**
   * Each one is its own piece of work (case review actions). Otherwise an open task of the kind already covers
   * a new one due no earlier, and the new one is not opened (`tasksForEvent`).
   */
  distinctEachTime?: true;
}

const contacted: TaskCloser = { on: 'attended_contact', result: { status: 'done', outcome: 'contacted' } };
const supplied: TaskCloser = {
  on: 'naloxone_supply',
  result: { status: 'done', outcome: 'naloxone_supplied' },
};
const contactOutcomes: readonly TaskOutcome[] = ['contacted', 'could_not_reach'];
const naloxoneOutcomes: readonly TaskOutcome[] = [
  'naloxone_supplied',
  'naloxone_already_held',
  'naloxone_declined',
];
const reviewOutcomes: readonly TaskOutcome[] = ['reviewed_no_change', 'dose_changed'];

const person = 'person' as const;

export const taskKindCatalogue = {
  release_contact: {
    label: 'Contact after release from prison',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
  release_prescribing: {
    label: 'Community prescribing appointment after release',
    assignee: 'prescriber',
    priority: 'urgent',
    outcomes: ['prescribing_started', 'appointment_declined'],
    closedBy: [
      { on: 'ost_start', result: { status: 'done', outcome: 'prescribing_started' } },
      { on: 'ost_dose_change', result: { status: 'done', outcome: 'prescribing_started' } },
    ],
    subject: person,
  },
  discharge_contact: {
    label: 'Contact after hospital discharge',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
  naloxone_supply: {
    label: 'Supply naloxone',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: naloxoneOutcomes,
    closedBy: [supplied],
    subject: person,
  },
  naloxone_expiry: {
    label: 'Naloxone kit expiring: resupply',
    assignee: 'keyworker',
    priority: 'routine',
    outcomes: naloxoneOutcomes,
    closedBy: [supplied],
    subject: person,
  },
  overdose_follow_up: {
    label: 'Follow-up after an overdose',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
  dose_review: {
    label: 'Dose and co-prescription review',
    assignee: 'prescriber',
    priority: 'urgent',
    outcomes: reviewOutcomes,
    closedBy: [{ on: 'ost_dose_change', result: { status: 'done', outcome: 'dose_changed' } }],
    subject: person,
  },
  repeat_overdose_review: {
    label: 'Team lead review: a second overdose within 90 days',
    assignee: 'team_lead',
    priority: 'urgent',
    outcomes: ['reviewed_no_change', 'case_reviewed'],
    closedBy: [{ on: 'case_review', result: { status: 'done', outcome: 'case_reviewed' } }],
    subject: person,
  },
  induction_review: {
    label: 'Prescriber review in the first week of methadone',
    assignee: 'prescriber',
    priority: 'routine',
    outcomes: reviewOutcomes,
    closedBy: [
      { on: 'ost_dose_change', result: { status: 'done', outcome: 'dose_changed' } },
      { on: 'ost_exit', result: { status: 'cancelled', reason: 'ost_ended' } },
    ],
    subject: person,
  },
  exit_contact: {
    label: 'Contact after leaving OST: a contact plan and a quick way back',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
  exit_gp_letter: {
    label: 'Tell the GP that OST has ended',
    assignee: 'prescriber',
    priority: 'routine',
    outcomes: ['gp_informed'],
    closedBy: [],
    subject: person,
  },
  detox_contact: {
    label: 'Contact after detox or residential treatment',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
  case_review_action: {
    label: 'Case review action',
    assignee: 'keyworker',
    priority: 'routine',
    outcomes: ['action_done'],
    closedBy: [],
    subject: person,
    distinctEachTime: true,
  },
  // Kinds opened by other rules' follow-ups (follow-ups.ts: ost.md "Dispensing and missed doses", the
  // self-assessments, health bookings), and the self-check's anonymous request for the duty queue.
  missed_dose_review: {
    label: 'Prescriber review after missed doses',
    assignee: 'prescriber',
    priority: 'urgent',
    outcomes: reviewOutcomes,
    closedBy: [{ on: 'ost_dose_change', result: { status: 'done', outcome: 'dose_changed' } }],
    subject: person,
  },
  supervision_review: {
    label: 'Review the supervision decision',
    assignee: 'prescriber',
    priority: 'routine',
    outcomes: ['reviewed_no_change', 'supervision_changed'],
    closedBy: [],
    subject: person,
  },
  reengagement: {
    label: 'Re-engagement after missed doses or appointments',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
  self_assessment_contact: {
    label: 'Same-day contact after an urgent self-assessment answer',
    assignee: 'keyworker',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
  contact_request: {
    label: 'Contact request from the self-check',
    assignee: 'team',
    priority: 'urgent',
    outcomes: contactOutcomes,
    closedBy: [],
    subject: 'anonymous',
  },
  // About the member of staff it is for, not a person: opened by the daily task run (competency/reminders.ts)
  // and closed when an administrator records the renewal.
  competency_renewal: {
    label: 'Renew a competency',
    assignee: 'team_lead',
    priority: 'routine',
    outcomes: ['action_done'],
    closedBy: [],
    subject: 'staff',
  },
  missed_booking_outreach: {
    label: 'Outreach after a missed health booking',
    assignee: 'keyworker',
    priority: 'routine',
    outcomes: contactOutcomes,
    closedBy: [contacted],
    subject: person,
  },
} as const satisfies Record<string, TaskKindDefinition>;

export type TaskKind = keyof typeof taskKindCatalogue;
export const taskKinds = Object.keys(taskKindCatalogue) as [TaskKind, ...TaskKind[]];
export const TaskKind = z.enum(taskKinds);

/** A kind's definition, typed as the general shape (the catalogue's literal types are narrower). */
export function taskKindDefinition(kind: TaskKind): TaskKindDefinition {
  return taskKindCatalogue[kind];
}

export const taskKindLabels = Object.fromEntries(
  taskKinds.map((kind) => [kind, taskKindCatalogue[kind].label]),
) as Readonly<Record<TaskKind, string>>;

/** True when staff may complete a task of `kind` with `outcome`. */
export function outcomeAllowed(kind: TaskKind, outcome: TaskOutcome): boolean {
  return taskKindDefinition(kind).outcomes.includes(outcome);
}
