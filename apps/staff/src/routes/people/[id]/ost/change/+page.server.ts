import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { Id } from '@harbour/domain/ids';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import { ostRules, type RuleId } from '@harbour/domain/ost/rules';
import {
  draftFromForm,
  ostPhaseLabels,
  PlanChangeForm,
  planChangeFormValues,
  supervisionModeLabels,
  supervisionReasonLabels,
  weekdayLabels,
} from '@harbour/domain/ost/store';
import { ostPhases } from '@harbour/domain/ost/common';
import {
  ReductionAgreement,
  reductionAgreementLabels,
  reductionAgreements,
} from '@harbour/domain/ost/reduction-change';
import { staffRoleLabels } from '@harbour/domain/staff';
import { supervisionModes, supervisionReasons, weekdays } from '@harbour/domain/ost/supervision';
import { formatDose } from '@harbour/ui/format';
import type { FormProblem } from '@harbour/ui/form/problems';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find this person';

/** One rule the prescriber must answer: its findings' words, and whether a reason can lift it. */
interface Concern {
  ruleId: string;
  title: string;
  messages: string[];
  outcome: 'warning' | 'refused';
  overridable: boolean;
}

async function currentPlan(event: RequestEvent<{ id: string }>) {
  const { params, locals } = event;
  if (!Id.safeParse(params.id).success) error(404, NOT_FOUND);
  try {
    return await locals.api.ost.plan.get.query({ personId: params.id });
  } catch (cause) {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    if (problem.status === 403) redirect(303, `/people/${params.id}`);
    error(problem.status, problem.status === 404 || problem.status === 400 ? NOT_FOUND : problem.message);
  }
}

/**
 * The prescriber's change to a person's OST plan, without JavaScript: the form starts from the current version.
 * On saving, Harbour checks the change against the OST rules first; a refusal comes back with the rule's words,
 * and each warning asks for a reason, which is kept with the version. While dispensing is blocked after missed
 * days, saving is the prescriber's review that lifts the block.
 */
export const load: PageServerLoad = async (event) => {
  const view = await currentPlan(event);
  const plan = view.plan;
  if (!plan || !view.mayPrescribe) redirect(303, `/people/${event.params.id}/ost`);
  return {
    person: {
      id: view.person.id,
      name: `${view.person.givenName} ${view.person.familyName}`,
      reference: view.person.reference,
    },
    medicine: `${ostMedicineLabels[plan.medicine]}, now ${formatDose(plan.doseMg)} a day`,
    blocked: view.dispensing?.blocked ?? false,
    values: planChangeFormValues(plan),
    phases: ostPhases.map((value) => ({ value, label: ostPhaseLabels[value] })),
    modes: supervisionModes.map((value) => ({ value, label: supervisionModeLabels[value] })),
    days: weekdays.map((value) => ({ value, label: weekdayLabels[value] })),
    reasons: supervisionReasons.map((value) => ({ value, label: supervisionReasonLabels[value] })),
    pharmacies: view.pharmacies.map((p) => ({ value: p.id, label: `${p.name}, ${p.address}` })),
    agreements: reductionAgreements.map((value) => ({ value, label: reductionAgreementLabels[value] })),
    signers: view.secondClinicians.map((c) => ({
      value: c.id,
      label: `${c.name} (${staffRoleLabels[c.role]})`,
    })),
  };
};

const ackField = (ruleId: string) => `ack-${ruleId}`;

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanChangeForm, { hidden: ['expectedVersion'] });
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    const view = await currentPlan(event);
    const plan = view.plan;
    if (!plan || !view.mayPrescribe) redirect(303, `/people/${event.params.id}/ost`);
    const {
      personId: _p,
      episodeId: _e,
      version,
      prescriberId: _by,
      pharmacyName: _n,
      wording: _w,
      ...current
    } = plan;
    if (version !== read.data.expectedVersion) {
      return fail(409, {
        values: read.values,
        problems: [
          {
            field: null,
            message: 'The plan has changed since you opened it. Reload the page and try again.',
          },
        ],
        concerns: [] as Concern[],
      });
    }
    // A planned reduction: the person's agreement and any second clinician's sign-off (ost.md "Reductions and
    // exits"). The API decides whether they are needed and enough; only their shape is checked here.
    const agreementText = textOf(submitted, 'reductionAgreement').trim();
    const signOffBy = textOf(submitted, 'secondSignOffBy').trim();
    const signOffReason = textOf(submitted, 'secondSignOffReason').trim();
    const extra = {
      reductionAgreement: agreementText,
      secondSignOffBy: signOffBy,
      secondSignOffReason: signOffReason,
    };
    const agreement = ReductionAgreement.safeParse(agreementText);
    const signOffProblems: FormProblem[] = [];
    if (signOffBy !== '' && !Id.safeParse(signOffBy).success)
      signOffProblems.push({ field: 'secondSignOffBy', message: 'Choose the clinician who signs this off' });
    if (signOffBy !== '' && signOffReason.length < 10)
      signOffProblems.push({
        field: 'secondSignOffReason',
        message: 'Say why the second clinician signs this off, in at least a short sentence',
      });
    if (signOffBy !== '' && !agreement.success)
      signOffProblems.push({
        field: 'reductionAgreement',
        message: 'Say whether the person agrees to the reduction',
      });
    if (signOffProblems.length > 0)
      return fail(400, {
        values: { ...read.values, ...extra },
        problems: signOffProblems,
        concerns: [] as Concern[],
      });
    const reduction = agreement.success
      ? {
          agreement: agreement.data,
          secondSignOff: signOffBy === '' ? null : { by: signOffBy, reason: signOffReason },
        }
      : undefined;
    const draft = draftFromForm(current, read.data, londonDate(new Date()));
    const base = {
      personId: event.params.id,
      expectedVersion: version,
      plan: draft,
      context: {
        qtProlonging: read.data.qtProlonging,
        toleranceUncertain: read.data.toleranceUncertain,
        buprenorphineFirstDose: null,
      },
      ...(reduction === undefined ? {} : { reduction }),
    };
    const values: Record<string, string | readonly string[] | undefined> = { ...read.values, ...extra };
    try {
      // What the rules say about this change, so that reasons go only to rules that raised something.
      const proposal = await event.locals.api.ost.plan.propose.mutate({ ...base, acknowledgements: [] });
      const byRule = new Map<string, Concern>();
      for (const f of [...proposal.check.refusals, ...proposal.check.warnings]) {
        const known = byRule.get(f.ruleId);
        if (known) {
          known.messages.push(f.message);
          known.overridable &&= f.overridable;
          if (f.outcome === 'refused') known.outcome = 'refused';
        } else
          byRule.set(f.ruleId, {
            ruleId: f.ruleId,
            title: ostRules[f.ruleId as RuleId].title,
            messages: [f.message],
            outcome: f.outcome === 'refused' ? 'refused' : 'warning',
            overridable: f.overridable,
          });
      }
      const concerns = [...byRule.values()];
      const acknowledgements = concerns.flatMap((c) => {
        const reason = textOf(submitted, ackField(c.ruleId)).trim();
        values[ackField(c.ruleId)] = reason;
        return c.overridable && reason.length > 0 ? [{ ruleId: c.ruleId as RuleId, reason }] : [];
      });
      const problems: FormProblem[] = concerns.flatMap((c): FormProblem[] =>
        !c.overridable
          ? [{ field: null, message: `${c.ruleId}: ${c.messages.join(' ')}` }]
          : acknowledgements.some((a) => a.ruleId === c.ruleId)
            ? []
            : [{ field: ackField(c.ruleId), message: `Give a reason for “${c.title}” (${c.ruleId})` }],
      );
      const tooShort = acknowledgements.filter((a) => a.reason.length < 10);
      for (const a of tooShort)
        problems.push({ field: ackField(a.ruleId), message: 'Give the reason in at least a short sentence' });
      if (problems.length > 0) return fail(422, { values, problems, concerns });
      await event.locals.api.ost.plan.save.mutate({ ...base, acknowledgements });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      if (problem.status === 403) redirect(303, `/people/${event.params.id}`);
      if (problem.status === 400 || problem.status === 409 || problem.status === 422)
        return fail(problem.status, {
          values,
          problems: [
            ...problem.issues.map((issue) => ({ field: null, message: issue.message })),
            { field: null, message: problem.apiMessage ?? problem.message },
          ],
          concerns: [] as Concern[],
        });
      error(problem.status, problem.status === 404 ? NOT_FOUND : problem.message);
    }
    redirect(303, `/people/${event.params.id}/ost?saved=1`);
  },
};
