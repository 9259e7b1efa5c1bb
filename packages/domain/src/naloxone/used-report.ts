import type { EventDetails } from '../events.ts';

/** The overdose event's payload a "used" report becomes (recorded on the report's day, for the same person). */
export interface OverdoseFromReport {
  type: 'non_fatal_overdose';
  details: EventDetails<'non_fatal_overdose'>;
}

/**
 * A kit reported used means someone overdosed (workflows.md "Naloxone": a "used" report becomes an overdose
 * event). It is the person's own overdose unless the report says the kit was used on someone else: "not known",
 * and reports stored before anyone was asked, count as the person's own, because missing an overdose costs a
 * follow-up while recording one wrongly costs a call. The service records the result beside the report; the
 * overdose then opens its own tasks (follow-up, review, resupply), so the report opens none of those itself.
 */
export function overdoseFromNaloxoneReport(
  details: EventDetails<'naloxone_report'>,
): OverdoseFromReport | null {
  if (details.outcome !== 'used' || details.usedFor === 'someone_else') return null;
  return { type: 'non_fatal_overdose', details: { source: 'naloxone_use_report', naloxoneGiven: true } };
}
