import { error, fail, redirect } from '@sveltejs/kit';
import { itemText } from '@harbour/domain/instruments/score';
import { textOf } from '@harbour/ui/form/read-form';
import {
  optionsOf,
  pageNumber,
  pagesOf,
  readPageAnswers,
  selfReportInstrument,
  shownAnswers,
} from '#lib/assessment-pages.ts';
import { instrumentWords } from '#lib/assessment-words.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { readOrFail } from '#lib/server/calls.ts';
import { sessionEnded } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

const CHANGED = 'Your answers were changed in another window. Check them and try again.';

function pageFor(params: { instrument: string; page: string }) {
  const definition = selfReportInstrument(params.instrument);
  const number = definition === null ? null : pageNumber(definition, params.page);
  if (definition === null || number === null) error(404, 'Page not found');
  const pages = pagesOf(definition);
  return { definition, number, pages, items: pages[number - 1] ?? [] };
}

/** One page of questions, with the answers saved before chosen again. */
export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  const { definition, number, pages, items } = pageFor(params);
  const draft = await readOrFail(
    locals.api.selfcheck.assessmentDraft.query({ instrumentId: definition.id }),
    cookies,
    url.pathname,
  );
  const subjectLabel =
    definition.scoring.kind === 'sum_with_cut_off'
      ? definition.scoring.subjects.find((s) => s.value === draft?.context.subject)?.label
      : undefined;
  // The SDS names its drug in the questions: without one chosen, back to its first page to choose.
  if (definition.scoring.kind === 'sum_with_cut_off' && subjectLabel === undefined)
    redirect(303, `/my/assessments/${definition.id}`);
  return {
    id: definition.id,
    title: instrumentWords[definition.id].title,
    // The stem names the SDS's drug as its questions do.
    instructions:
      definition.scoring.kind === 'sum_with_cut_off' && subjectLabel !== undefined
        ? definition.instructions.split(definition.scoring.placeholder).join(subjectLabel)
        : definition.instructions,
    number,
    pageCount: pages.length,
    last: number === pages.length,
    draftVersion: draft?.version ?? null,
    saved: shownAnswers(items, draft?.answers ?? {}),
    questions: items.map((item) => ({
      id: item.id,
      number: item.number,
      text: itemText(definition, item, subjectLabel),
      hint: item.hint,
      options: optionsOf(item),
    })),
  };
};

export const actions: Actions = {
  /** Saves this page's answers into the draft; on the last page, submits the whole questionnaire. */
  default: async ({ params, request, locals, cookies, url }) => {
    const { definition, number, pages, items } = pageFor(params);
    const submitted = await request.formData();
    const read = readPageAnswers(items, submitted);
    if (!read.ok) return fail(400, { values: read.values, problems: read.problems });
    const posted = Number(textOf(submitted, 'version'));
    const refused = (cause: unknown) => {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(cookies, url.pathname);
      return fail(problem.status, {
        values: read.values,
        problems: [{ field: null, message: problem.status === 409 ? CHANGED : problem.message }],
      });
    };
    let version: number;
    try {
      ({ version } = await locals.api.selfcheck.saveDraft.mutate({
        instrumentId: definition.id,
        answers: read.answers,
        expectedVersion: Number.isInteger(posted) && posted > 0 ? posted : null,
      }));
    } catch (cause) {
      return refused(cause);
    }
    if (number < pages.length) redirect(303, `/my/assessments/${definition.id}/${number + 1}`);

    let id: string;
    try {
      ({ id } = await locals.api.selfcheck.submitAssessment.mutate({
        instrumentId: definition.id,
        expectedVersion: version,
      }));
    } catch (cause) {
      const problem = apiProblemOf(cause);
      // A question on an earlier page is not answered (a page skipped by its address): go back to it.
      const missing = problem.status === 400 ? problem.issues[0]?.path[1] : undefined;
      const page = pages.findIndex((p) => p.some((item) => item.id === missing)) + 1;
      if (page > 0) redirect(303, `/my/assessments/${definition.id}/${page}`);
      return refused(cause);
    }
    redirect(303, `/my/assessments/result/${id}`);
  },
};
