/**
 * Crisis contacts and the fixed response to an urgent answer. health-and-instruments.md: "Any answer reporting
 * suicidal thoughts, or an overdose in the last 7 days, must create an urgent task for a human to make contact
 * the same day and show crisis contacts to the person at once. A score is never the only response."
 */

export interface CrisisContact {
  name: string;
  /** As dialled in the UK. */
  phone: string;
  /** When to use it, in plain English. */
  when: string;
}

/** The contacts shown at once with every urgent alert (UK-wide numbers). */
export const crisisContacts: readonly CrisisContact[] = [
  {
    name: 'Samaritans',
    phone: '116 123',
    when: 'Free, any time, day or night. You can talk about anything.',
  },
  { name: 'NHS 111', phone: '111', when: 'When you need help or advice quickly but it is not an emergency.' },
  { name: 'Emergency services', phone: '999', when: 'In an emergency, or if your life is in danger now.' },
] as const;

/** The task an alert asks for. */
export const alertTasks = ['urgent_same_day_contact', 'complete_instrument', 'keyworker_review'] as const;
export type AlertTask = (typeof alertTasks)[number];

/** What must happen when an alert fires. Consumers create the task and render the contacts. */
export interface AlertResponse {
  /** The task to create, or null for an `info` alert. */
  task: AlertTask | null;
  /** The task is due today (Europe/London): true for every urgent alert. */
  sameDay: boolean;
  /** Show `crisisContacts` to the person now: true for every urgent alert. */
  showCrisisContacts: boolean;
}

/** The one response to every urgent alert; not configurable per instrument. */
export const URGENT_RESPONSE: AlertResponse = {
  task: 'urgent_same_day_contact',
  sameDay: true,
  showCrisisContacts: true,
};
