import { z } from 'zod';
import type { ClinicalEventType } from '../events.ts';
import { catalogueByCode } from '../risk/catalogue.ts';
import type { RiskFactorCode } from '../risk/codes.ts';
import type { RoleAssignee } from './assignee.ts';
import { byDate, calendarDays, type DueRule, sameDay, workingDays } from './due.ts';
import type { TaskKind } from './kinds.ts';
import type { TaskPriority } from './vocabulary.ts';

/**
 * The rules that open tasks, by stable id: what opens each, the kind, when it is due, and the risk window it
 * serves (an open task is closed as missed when that window ends). Ids are stable: never reuse or rename one;
 * a stored task names the rule that opened it. docs/tasks.md shows this catalogue as its transitions table, and
 * `docs.test.ts` keeps the two in step. Where the brief is silent, `source` says "Harbour decision" and `basis`
 * says why, for clinical review.
 */
export const ruleSources = ['workflows.md', 'ost.md', 'drd-risk.md', 'Harbour decision'] as const;
export type TaskRuleSource = (typeof ruleSources)[number];

/**
 * The window a task serves: the factor's override window (the days it keeps the tier at least high) or its
 * whole scoring window, read from the risk catalogue so tasks follow the model version.
 */
export interface TaskWindow {
  factor: RiskFactorCode;
  part: 'override' | 'whole';
}

export interface TaskRule {
  /** What the rule asks, for the docs table. */
  title: string;
  /** The event that opens it; `null` for rules run by the day (naloxone expiry). */
  event: ClinicalEventType | null;
  kind: TaskKind;
  due: DueRule;
  window: TaskWindow | null;
  /** The kind's default unless a rule needs another. */
  assignee?: RoleAssignee;
  priority?: TaskPriority;
  source: TaskRuleSource;
  /** Why: the brief's words or the clinical reason for a Harbour decision. */
  basis: string;
  /** What the task list says (no names, no clinical free text); `{date}` is the event's day in words. */
  why: string;
}

const override = (factor: RiskFactorCode): TaskWindow => ({ factor, part: 'override' });
const whole = (factor: RiskFactorCode): TaskWindow => ({ factor, part: 'whole' });

export const taskRuleCatalogue = {
  'TSK-RELEASE-CONTACT': {
    title: 'Contact within 2 days of release',
    event: 'prison_release',
    kind: 'release_contact',
    due: calendarDays(2),
    window: override('PRISON_RELEASE'),
    source: 'workflows.md',
    basis: 'workflows.md "Transitions": contact within 2 days; risk RR 7.5 in weeks 1–2 (Merrall 2010)',
    why: 'Released from prison on {date}: contact within 2 days',
  },
  'TSK-RELEASE-NALOXONE': {
    title: 'Naloxone on release',
    event: 'prison_release',
    kind: 'naloxone_supply',
    due: sameDay,
    window: override('PRISON_RELEASE'),
    source: 'workflows.md',
    basis:
      'workflows.md "Transitions": naloxone on release; ~1 in 200 die of overdose within 4 weeks (N-ALIVE)',
    why: 'Released from prison on {date}: naloxone on release',
  },
  'TSK-RELEASE-PRESCRIBING': {
    title: 'Community prescribing appointment within 21 days of release',
    event: 'prison_release',
    kind: 'release_prescribing',
    due: calendarDays(21),
    window: whole('PRISON_RELEASE'),
    source: 'workflows.md',
    basis:
      'workflows.md "Transitions": England’s continuity-of-care measure; kept open to the end of the release ' +
      'window (day 84): past day 21 the measure is missed but the person still needs a prescriber',
    why: 'Released from prison on {date}: prescribing appointment within 21 days',
  },
  'TSK-DISCHARGE-CONTACT': {
    title: 'Contact within 1 working day of hospital discharge',
    event: 'hospital_discharge',
    kind: 'discharge_contact',
    due: workingDays(1),
    window: override('HOSPITAL_DISCHARGE'),
    source: 'Harbour decision',
    basis:
      'opioid death OR 4.39 on days 1–2 after discharge (Lewer 2021): the next working day is the latest that ' +
      'can reach the person inside that window on most days',
    why: 'Discharged from hospital on {date}: contact within 1 working day',
  },
  'TSK-SELF-DISCHARGE-CONTACT': {
    title: 'Same-day contact after leaving hospital against medical advice (instead of the above)',
    event: 'hospital_discharge',
    kind: 'discharge_contact',
    due: sameDay,
    window: whole('SELF_DISCHARGE'),
    source: 'Harbour decision',
    basis:
      'overdose aOR 2.08 on top of the discharge (Staples 2024); the person may have left without medicines ' +
      'or a plan, so the service tries the same day',
    why: 'Left hospital against medical advice on {date}: contact today',
  },
  'TSK-DISCHARGE-NALOXONE': {
    title: 'Naloxone after hospital discharge, unless an in-date kit is held',
    event: 'hospital_discharge',
    kind: 'naloxone_supply',
    due: workingDays(1),
    window: override('HOSPITAL_DISCHARGE'),
    source: 'Harbour decision',
    basis: 'drd-risk.md "Mitigations": naloxone held and in date; offered at the discharge contact',
    why: 'Discharged from hospital on {date} with no in-date naloxone kit',
  },
  'TSK-OST-START-INDUCTION-REVIEW': {
    title: 'Prescriber review within 7 days of a methadone start',
    event: 'ost_start',
    kind: 'induction_review',
    due: calendarDays(7),
    window: whole('METHADONE_INDUCTION'),
    source: 'Harbour decision',
    basis:
      'ost.md: reviews "much sooner in induction"; all-cause mortality 3.1× in the first 14 days of methadone ' +
      '(Cornish 2010), when the dose accumulates; no such spike for buprenorphine (Sordo 2017), so methadone only',
    why: 'Started methadone on {date}: review within the first week',
  },
  'TSK-OST-START-NALOXONE': {
    title: 'Naloxone at an OST start, unless an in-date kit is held',
    event: 'ost_start',
    kind: 'naloxone_supply',
    due: calendarDays(7),
    window: whole('METHADONE_INDUCTION'),
    priority: 'routine',
    source: 'Harbour decision',
    basis: 'drd-risk.md "Mitigations": naloxone held and in date; everyone on OST should hold a kit',
    why: 'Started OST on {date} with no in-date naloxone kit',
  },
  'TSK-OST-EXIT-CONTACT': {
    title: 'Contact within 2 days of leaving OST: contact plan for 4 weeks, how to come back quickly',
    event: 'ost_exit',
    kind: 'exit_contact',
    due: calendarDays(2),
    window: override('OST_EXIT'),
    source: 'ost.md',
    basis:
      'ost.md "Reductions and exits" exit checklist; 2 days as for a release, since mortality is 9× in weeks ' +
      '1–2 after stopping (Cornish 2010)',
    why: 'Left OST on {date}: agree contact for the next 4 weeks and how to come back',
  },
  'TSK-OST-EXIT-GP': {
    title: 'GP informed within 1 working day of leaving OST',
    event: 'ost_exit',
    kind: 'exit_gp_letter',
    due: workingDays(1),
    window: override('OST_EXIT'),
    source: 'ost.md',
    basis:
      'ost.md exit checklist: GP informed; promptly, because the GP may prescribe opioids or sedatives unaware',
    why: 'Left OST on {date}: tell the GP',
  },
  'TSK-OST-EXIT-NALOXONE': {
    title: 'Naloxone within 2 days of leaving OST, unless an in-date kit is held',
    event: 'ost_exit',
    kind: 'naloxone_supply',
    due: calendarDays(2),
    window: override('OST_EXIT'),
    source: 'ost.md',
    basis: 'ost.md exit checklist: naloxone supplied and in date (given at the exit contact)',
    why: 'Left OST on {date} with no in-date naloxone kit',
  },
  'TSK-DETOX-CONTACT': {
    title: 'Contact within 2 days of completing detox or leaving residential treatment',
    event: 'detox_completion',
    kind: 'detox_contact',
    due: calendarDays(2),
    window: override('TOLERANCE_LOSS'),
    source: 'Harbour decision',
    basis:
      'tolerance is lost as after a release: overdose deaths cluster after detox (Strang 2003) and just after ' +
      'residential exit (Pierce 2016), so the release rule’s 2 days',
    why: 'Completed detox or residential treatment on {date}: contact within 2 days',
  },
  'TSK-DETOX-NALOXONE': {
    title: 'Naloxone on completing detox or residential treatment, unless an in-date kit is held',
    event: 'detox_completion',
    kind: 'naloxone_supply',
    due: sameDay,
    window: override('TOLERANCE_LOSS'),
    source: 'Harbour decision',
    basis: 'tolerance is already lost on the day, as on release from prison (naloxone on release)',
    why: 'Completed detox or residential treatment on {date} with no in-date naloxone kit',
  },
  'TSK-OVERDOSE-FOLLOW-UP': {
    title: 'Follow-up within 1 working day of an overdose (same day when the person reported it)',
    event: 'non_fatal_overdose',
    kind: 'overdose_follow_up',
    due: workingDays(1),
    window: override('NON_FATAL_OVERDOSE'),
    source: 'workflows.md',
    basis:
      'workflows.md "Non-fatal overdose"; fatal overdose aHR 1.95 after a non-fatal one (Caudarella 2016)',
    why: 'Overdose on {date}: follow up within 1 working day',
  },
  'TSK-OVERDOSE-FOLLOW-UP-SELF-REPORTED': {
    title: 'Same-day follow-up of an overdose the person reported (instead of the above)',
    event: 'non_fatal_overdose',
    kind: 'overdose_follow_up',
    due: sameDay,
    window: override('NON_FATAL_OVERDOSE'),
    source: 'workflows.md',
    basis: 'workflows.md "Non-fatal overdose": same day if reported by the person',
    why: 'Overdose on {date}, reported by the person: follow up today',
  },
  'TSK-OVERDOSE-DOSE-REVIEW': {
    title: 'Dose and co-prescription review within 2 working days of an overdose',
    event: 'non_fatal_overdose',
    kind: 'dose_review',
    due: workingDays(2),
    window: override('NON_FATAL_OVERDOSE'),
    source: 'workflows.md',
    basis:
      'workflows.md "Non-fatal overdose"; 2 working days (Harbour decision) so the review comes before the next ' +
      'instalment prescription in most cases; sedatives raise risk (benzodiazepine aHR 2.96, Macleod 2019)',
    why: 'Overdose on {date}: review the dose and any co-prescribed sedatives',
  },
  'TSK-OVERDOSE-NALOXONE': {
    title: 'Naloxone resupply after an overdose, with the follow-up',
    event: 'non_fatal_overdose',
    kind: 'naloxone_supply',
    due: workingDays(1),
    window: override('NON_FATAL_OVERDOSE'),
    source: 'workflows.md',
    basis: 'workflows.md "Non-fatal overdose": naloxone resupply; due with the follow-up contact',
    why: 'Overdose on {date}: make sure they hold an in-date kit (resupply if used)',
  },
  'TSK-REPEAT-OVERDOSE': {
    title: 'A second overdose within 90 days escalates to the team lead within 1 working day',
    event: 'non_fatal_overdose',
    kind: 'repeat_overdose_review',
    due: workingDays(1),
    window: override('NON_FATAL_OVERDOSE'),
    source: 'workflows.md',
    basis: 'workflows.md "Non-fatal overdose"; risk rises with each overdose (Caudarella 2016)',
    why: 'A second overdose within 90 days (latest on {date}): team lead to review the plan',
  },
  'TSK-NALOXONE-REPORT-RESUPPLY': {
    title:
      'Resupply within 2 working days of a kit reported lost, expired, confiscated or used on someone else',
    event: 'naloxone_report',
    kind: 'naloxone_supply',
    due: workingDays(2),
    window: null,
    priority: 'routine',
    source: 'Harbour decision',
    basis:
      'drd-risk.md "Mitigations": naloxone held and in date; a "used" report of their own overdose is an ' +
      'overdose event, which opens its own resupply',
    why: 'Naloxone kit reported on {date}: no in-date kit held now',
  },
  'TSK-NALOXONE-EXPIRY': {
    title: 'Naloxone expiry reminder 28 days ahead, due by the expiry date',
    event: null,
    kind: 'naloxone_expiry',
    due: byDate,
    window: null,
    source: 'workflows.md',
    basis: 'workflows.md "Naloxone": expiry reminders; the issue asks for 28 days ahead',
    why: 'Naloxone kit expires on {date}: resupply before then',
  },
  'TSK-CASE-REVIEW-ACTION': {
    title: 'Each action agreed at a case review, by its owner and date',
    event: 'case_review',
    kind: 'case_review_action',
    due: byDate,
    window: null,
    source: 'drd-risk.md',
    basis: 'drd-risk.md "Case review": agreed actions with owners and due dates',
    why: 'Agreed at the case review on {date}',
  },
  // Follow-ups asked for by other rule sets (follow-ups.ts), mapped by from-follow-up.ts: due when they say.
  'TSK-FOLLOW-UP-RE-ENGAGEMENT': {
    title: 'Re-engagement cascade after missed doses or an overdue injection',
    event: null,
    kind: 'reengagement',
    due: byDate,
    window: null,
    source: 'ost.md',
    basis: 'ost.md "Dispensing and missed doses" and "Reductions and exits": the re-engagement cascade',
    why: 'Missed doses on {date}: start the re-engagement cascade',
  },
  'TSK-FOLLOW-UP-MISSED-DOSE-REVIEW': {
    title: 'Prescriber review before the next dose once dispensing is blocked',
    event: null,
    kind: 'missed_dose_review',
    due: byDate,
    window: null,
    source: 'ost.md',
    basis: 'ost.md: 3 or more consecutive missed days block dispensing until a prescriber reviews',
    why: 'Dispensing blocked on {date}: review before the next dose',
  },
  'TSK-FOLLOW-UP-SUPERVISION-REVIEW': {
    title: 'Supervision decision reviewed after a dose change, missed doses, intoxication or a restart',
    event: null,
    kind: 'supervision_review',
    due: byDate,
    window: null,
    source: 'ost.md',
    basis: 'ost.md "Supervision": re-review on relapse, dose change, missed doses or intoxication',
    why: 'Supervision to review from {date}',
  },
  'TSK-FOLLOW-UP-URGENT-CONTACT': {
    title: 'Same-day contact after an urgent self-assessment answer',
    event: null,
    kind: 'self_assessment_contact',
    due: sameDay,
    window: null,
    source: 'workflows.md',
    basis: 'workflows.md "The self-check portal": urgent answers trigger same-day contact',
    why: 'Urgent self-assessment answer on {date}: make contact today',
  },
  'TSK-FOLLOW-UP-MISSED-BOOKING': {
    title: 'Outreach after a missed health-check booking (never a removal)',
    event: null,
    kind: 'missed_booking_outreach',
    due: byDate,
    window: null,
    source: 'workflows.md',
    basis: 'workflows.md "Booking health checks": missing a booking leads to outreach, never to removal',
    why: 'Missed a health-check booking on {date}: reach out and offer another',
  },
  // The self-check's anonymous "ask someone to contact me" (about no one), for the duty queue.
  'TSK-CONTACT-REQUEST-URGENT': {
    title: 'Call back an anonymous "contact me" request with an urgent answer, the same day',
    event: null,
    kind: 'contact_request',
    due: sameDay,
    window: null,
    source: 'workflows.md',
    basis:
      'workflows.md "The self-check portal": "ask someone to contact me"; urgent answers (an overdose in the ' +
      'last 7 days, thoughts of suicide) trigger same-day contact',
    why: 'Asked to be contacted from the anonymous check on {date}, with an urgent answer: call back today',
  },
  'TSK-CONTACT-REQUEST': {
    title: 'Call back an anonymous "contact me" request within 1 working day',
    event: null,
    kind: 'contact_request',
    due: workingDays(1),
    window: null,
    priority: 'routine',
    source: 'Harbour decision',
    basis:
      'The brief sets no time for a request without an urgent answer: the next working day, so someone who ' +
      'asked for help on an evening or at a weekend is called on the first day the service is open after it',
    why: 'Asked to be contacted from the anonymous check on {date}: call back',
  },
} as const satisfies Record<string, TaskRule>;

export type TaskRuleId = keyof typeof taskRuleCatalogue;
export const taskRuleIds = Object.keys(taskRuleCatalogue) as [TaskRuleId, ...TaskRuleId[]];
export const TaskRuleId = z.enum(taskRuleIds);

/** A rule's entry, typed as the general shape. */
export function taskRule(id: TaskRuleId): TaskRule {
  return taskRuleCatalogue[id];
}

/** The last day after the event (day 0) of the window a rule serves, from the risk catalogue; `null`: none. */
export function windowLastDay(window: TaskWindow | null): number | null {
  if (window === null) return null;
  const definition = catalogueByCode[window.factor];
  if (window.part === 'override') {
    if (definition.override?.kind === 'days') return definition.override.toDay;
    throw new RangeError(`${window.factor} has no override window in days to end a task`);
  }
  let last: number | null = null;
  for (const w of definition.windows) if (w.kind === 'days') last = w.toDay;
  if (last === null) throw new RangeError(`${window.factor} has no closed day window to end a task`);
  return last;
}
