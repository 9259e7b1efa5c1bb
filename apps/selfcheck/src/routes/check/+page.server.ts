import { fail } from '@sveltejs/kit';
import { HARBOUR_CHECK_SERVICE, HARBOUR_SERVICE_PHONE } from '$app/env/private';
import { ContactRequestForm } from '@harbour/domain/access/self-check-forms';
import { overdoseSelfCheck } from '@harbour/domain/instruments/overdose-self-check';
import { scoreInstrument } from '@harbour/domain/instruments/score';
import { problemsFromApi } from '@harbour/ui/form/api-problems';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { optionsOf, readPageAnswers } from '#lib/assessment-pages.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The anonymous overdose-risk check (issue 11): no account, and NOTHING is stored or sent anywhere. The answers
 * are scored here by the domain, in this request only, and the advice comes back in the same answer; no
 * cookie, no log of the answers, no call to the API. Only "ask someone to contact me", if the person chooses
 * it, sends anything: a name or alias, a phone number, their consent and whether an answer was urgent.
 */
export const load: PageServerLoad = () => ({
  instructions: overdoseSelfCheck.instructions,
  questions: overdoseSelfCheck.items.map((item) => ({
    id: item.id,
    number: item.number,
    text: item.text,
    hint: item.hint,
    options: optionsOf(item),
  })),
  contactOffered: HARBOUR_CHECK_SERVICE !== undefined,
  servicePhone: HARBOUR_SERVICE_PHONE,
});

export const actions: Actions = {
  /** The check: advice at once, from the answers in this post alone. */
  check: async ({ request }) => {
    const read = readPageAnswers(overdoseSelfCheck.items, await request.formData());
    if (!read.ok) return fail(400, { step: 'check' as const, values: read.values, problems: read.problems });
    const result = scoreInstrument(overdoseSelfCheck, read.answers);
    return {
      step: 'advice' as const,
      urgent: result.urgent,
      crisisContacts: result.crisisContacts,
      urgentMessages: result.alerts.filter((a) => a.level === 'urgent').map((a) => a.forPerson),
      messages: result.alerts.filter((a) => a.level !== 'urgent').map((a) => a.forPerson),
      advice: result.advice.map((a) => ({ id: a.id, text: a.text })),
      noScore: result.noScoreExplanation,
    };
  },
  /** "Ask someone to contact me": the only thing this page ever stores, and only when asked. */
  contact: async ({ request, locals }) => {
    const submitted = await request.formData();
    const urgent = textOf(submitted, 'urgent') === 'yes';
    const read = readForm(submitted, ContactRequestForm);
    if (!read.ok) return fail(400, { step: 'contact' as const, urgent, ...read.failure });
    if (HARBOUR_CHECK_SERVICE === undefined)
      return fail(503, {
        step: 'contact' as const,
        urgent,
        values: read.values,
        problems: [{ field: null, message: 'Please phone the service instead.' }],
      });
    try {
      await locals.api.selfcheck.requestContact.mutate({
        ...read.data,
        service: HARBOUR_CHECK_SERVICE,
        urgent,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      return fail(problem.status, {
        step: 'contact' as const,
        urgent,
        values: read.values,
        problems: problemsFromApi(problem.issues, ['name', 'phone', 'consent'], {
          field: null,
          message: problem.message,
        }),
      });
    }
    return { step: 'sent' as const, urgent };
  },
};
