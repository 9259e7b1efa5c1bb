import { error, redirect } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import {
  dispensingOutcomeLabels,
  ostPhaseLabels,
  supervisionModeLabels,
  supervisionReasonLabels,
  weekdayLabels,
} from '@harbour/domain/ost/store';
import { reductionAgreementLabels } from '@harbour/domain/ost/reduction-change';
import { formatDate } from '@harbour/ui/format';
import { londonDateTime } from '#lib/format-time.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { planDoseWords } from '#lib/server/ost-plan.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';

/**
 * A person's OST plan: the current version with the instalment wording the domain wrote, the pharmacy loop
 * (blocked or not, the last fortnight), the open alerts and tasks, and every version with its reasons. Reading
 * it is audited. Labels are made here, so the domain's schemas stay out of the browser's bundle.
 */
/** Whom an alert is for, or the role a task is for. */
const recipientLabels: Readonly<Record<string, string>> = {
  prescriber: 'Prescriber',
  keyworker: 'Keyworker',
  team: 'The team',
  team_lead: 'The team lead',
  staff: 'A named member of staff',
};

export const load: PageServerLoad = async (event) => {
  const { params, locals, url } = event;
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);
  let view;
  let versions;
  try {
    view = await locals.api.ost.plan.get.query({ personId: params.id });
    versions = await locals.api.ost.plan.history.query({ personId: params.id });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
  const days = (list: readonly (keyof typeof weekdayLabels)[]) =>
    list.length === 0 ? 'None' : list.map((d) => weekdayLabels[d]).join(', ');
  const plan = view.plan;
  return {
    person: {
      id: view.person.id,
      name: `${view.person.givenName} ${view.person.familyName}`,
      reference: view.person.reference,
    },
    saved: url.searchParams.get('saved') === '1',
    mayPrescribe: view.mayPrescribe,
    mayDischarge: locals.staff?.permissions.includes('episode:discharge') ?? false,
    hasEpisode: view.episodeId !== null,
    plan: plan && {
      version: plan.version,
      rows: [
        {
          key: 'Medicine and dose',
          value: `${ostMedicineLabels[plan.medicine]} ${planDoseWords(plan)}`,
        },
        { key: 'Phase', value: ostPhaseLabels[plan.phase] },
        { key: 'Course started', value: formatDate(plan.courseStartedOn) },
        { key: 'This version from', value: formatDate(plan.effectiveFrom) },
        { key: 'Pharmacy', value: plan.pharmacyName ?? 'None (given by a clinician)' },
        { key: 'Notes for the pharmacy', value: plan.pharmacyNotes ?? 'None' },
        { key: 'Collection days', value: days(plan.instalments?.pickupDays ?? []) },
        {
          key: 'Supervision',
          value: `${supervisionModeLabels[plan.supervision.mode]}: ${days(plan.supervision.supervisedDays)}`,
        },
        {
          key: 'Why',
          value: plan.supervision.reasons.map((r) => supervisionReasonLabels[r]).join('; '),
        },
        { key: 'Supervision review', value: formatDate(plan.supervision.reviewOn) },
        { key: 'Next prescribing review', value: formatDate(plan.reviewOn) },
      ],
      wording: plan.wording,
    },
    dispensing: view.dispensing && {
      blocked: view.dispensing.blocked,
      daysWithoutDose: view.dispensing.daysWithoutDose,
      recent: view.dispensing.recent.map((r) => ({
        day: formatDate(r.day),
        outcome: dispensingOutcomeLabels[r.outcome as keyof typeof dispensingOutcomeLabels] ?? r.outcome,
        takeHomeDays: r.takeHomeDays,
        note: r.note,
      })),
    },
    alerts: view.alerts.map((a) => ({
      id: a.id,
      what: a.kind === 'task' ? 'Task' : 'Alert',
      to: `${recipientLabels[a.recipient] ?? a.recipient}${a.recipientName ? `: ${a.recipientName}` : ''}`,
      on: formatDate(a.on),
      reason: a.reason,
    })),
    versions: versions.map((v) => ({
      version: v.version,
      summary: `${ostMedicineLabels[v.plan.medicine]} ${planDoseWords(v.plan)}, ${ostPhaseLabels[v.plan.phase].toLowerCase()}`,
      by: v.writtenBy ?? 'Unknown',
      at: londonDateTime(v.writtenAt),
      reason: v.reason,
      acknowledgements: v.acknowledgements,
      reduction:
        v.reduction === null
          ? null
          : `Planned reduction: ${reductionAgreementLabels[v.reduction.agreement].toLowerCase()}` +
            (v.reduction.signedOffBy === null
              ? '.'
              : `; signed off by ${v.reduction.signedOffBy}: ${v.reduction.signOffReason ?? ''}`),
    })),
  };
};
