import { fail, redirect } from '@sveltejs/kit';
import { londonDate } from '@harbour/domain/dates';
import { Id } from '@harbour/domain/ids';
import { ostMedicineLabels } from '@harbour/domain/medicines';
import { draftFromForm, PlanChangeForm, planChangeFormValues } from '@harbour/domain/ost/store';
import {
  ReductionAgreement,
  reductionAgreementLabels,
  reductionAgreements,
} from '@harbour/domain/ost/reduction-change';
import { staffRoleLabels } from '@harbour/domain/staff';
import { formatDose } from '@harbour/ui/format';
import type { FormProblem } from '@harbour/ui/form/problems';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import {
  checkAndSave,
  personHeading,
  planToChange,
  sharedOptions,
  staleVersion,
  type Concern,
} from '#lib/server/ost-plan.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The prescriber's change to a person's OST plan, without JavaScript: the form starts from the current version.
 * On saving, Harbour checks the change against the OST rules first; a refusal comes back with the rule's words,
 * and each warning asks for a reason, which is kept with the version. While dispensing is blocked after missed
 * days, saving is the prescriber's review that lifts the block.
 */
export const load: PageServerLoad = async (event) => {
  const { view, plan } = await planToChange(event);
  // An injection's dose and schedule have their own form.
  if (plan.injection !== null) redirect(303, `/people/${event.params.id}/ost/change/injection`);
  return {
    person: personHeading(view),
    medicine: `${ostMedicineLabels[plan.medicine]}, now ${formatDose(plan.doseMg)} a day`,
    blocked: view.dispensing?.blocked ?? false,
    values: planChangeFormValues(plan),
    ...sharedOptions(view),
    agreements: reductionAgreements.map((value) => ({ value, label: reductionAgreementLabels[value] })),
    signers: view.secondClinicians.map((c) => ({
      value: c.id,
      label: `${c.name} (${staffRoleLabels[c.role]})`,
    })),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const submitted = await event.request.formData();
    const read = readForm(submitted, PlanChangeForm, { hidden: ['expectedVersion'] });
    if (!read.ok) return fail(400, { ...read.failure, concerns: [] as Concern[] });
    const { version, current } = await planToChange(event);
    if (current.injection !== null) redirect(303, `/people/${event.params.id}/ost/change/injection`);
    if (version !== read.data.expectedVersion) return staleVersion(read.values);
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
    return checkAndSave(event, submitted, base, { ...read.values, ...extra });
  },
};
