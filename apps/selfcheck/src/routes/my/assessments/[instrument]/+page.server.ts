import { error, fail, redirect } from '@sveltejs/kit';
import { textOf } from '@harbour/ui/form/read-form';
import { pagesOf, selfReportInstrument, SUBJECT_FIELD, subjectOptions } from '#lib/assessment-pages.ts';
import { instrumentWords } from '#lib/assessment-words.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { readOrFail } from '#lib/server/calls.ts';
import { sessionEnded } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

function definitionFor(id: string) {
  const definition = selfReportInstrument(id);
  if (definition === null) error(404, 'Page not found');
  return definition;
}

/** The start of a questionnaire: what it is about, and where to carry on if some answers are saved. */
export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  const definition = definitionFor(params.instrument);
  const draft = await readOrFail(
    locals.api.selfcheck.assessmentDraft.query({ instrumentId: definition.id }),
    cookies,
    url.pathname,
  );
  const pages = pagesOf(definition);
  const answered = draft === null ? 0 : Object.keys(draft.answers).length;
  // Carry on at the first page with a question not yet answered.
  const nextPage =
    draft === null ? 1 : pages.findIndex((page) => page.some((item) => !(item.id in draft.answers))) + 1 || 1;
  return {
    id: definition.id,
    name: definition.name,
    instructions: definition.instructions,
    attribution: definition.attribution,
    questions: definition.items.length,
    pages: pages.length,
    words: instrumentWords[definition.id],
    subjects: subjectOptions(definition),
    subject: draft?.context.subject ?? null,
    draftVersion: draft?.version ?? null,
    answered,
    nextPage,
  };
};

export const actions: Actions = {
  /** The SDS only: which drug the questions are about, saved with the draft before the first page. */
  default: async ({ params, request, locals, cookies, url }) => {
    const definition = definitionFor(params.instrument);
    const submitted = await request.formData();
    const subject = textOf(submitted, SUBJECT_FIELD);
    if (!subjectOptions(definition).some((o) => o.value === subject))
      return fail(400, {
        values: {},
        problems: [{ field: SUBJECT_FIELD, message: 'Choose the drug these questions are about' }],
      });
    const version = Number(textOf(submitted, 'version'));
    try {
      await locals.api.selfcheck.saveDraft.mutate({
        instrumentId: definition.id,
        answers: {},
        context: { subject },
        expectedVersion: Number.isInteger(version) && version > 0 ? version : null,
      });
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(cookies, url.pathname);
      return fail(problem.status, {
        values: { [SUBJECT_FIELD]: subject },
        problems: [{ field: null, message: problem.status === 409 ? CHANGED : problem.message }],
      });
    }
    redirect(303, `/my/assessments/${definition.id}/1`);
  },
};

const CHANGED = 'Your answers were changed in another window. Check them and try again.';
