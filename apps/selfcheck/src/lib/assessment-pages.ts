import type { AnswerValue } from '@harbour/domain/instruments/answers';
import type { InstrumentDefinition, InstrumentItem } from '@harbour/domain/instruments/definition';
import { selfReportInstruments } from '@harbour/domain/instruments/registry';
import type { FormProblem, ShownValues } from '@harbour/ui/form/problems';
import type { Submitted } from '@harbour/ui/form/read-form';

/**
 * How the self-check portal shows an instrument a page at a time, and reads a page's answers from a plain form
 * post (no JavaScript). Nothing clinical happens here: scoring, alerts and facts are the domain's
 * (`assessSubmission`, on the API); this only splits the questions into pages and turns radio values back into
 * answers (a scored option's score, a coded option's code).
 */

/** Questions per page at most, for instruments printed without sections (a phone screen's worth). */
export const MAX_PER_PAGE = 5;

/** The field the SDS asks first: which drug its questions are about (the scoring subject). */
export const SUBJECT_FIELD = 'subject';

/** The instrument a person may do themselves with this id, or null (an unknown id, or TOP). */
export function selfReportInstrument(id: string): InstrumentDefinition | null {
  return selfReportInstruments().find((definition) => definition.id === id) ?? null;
}

/**
 * The pages of an instrument: its own sections where it has them, otherwise pages of up to MAX_PER_PAGE
 * questions, as even as they can be (PHQ-9: 5 and 4; GAD-7: 4 and 3; AUDIT-C: one page of 3).
 */
export function pagesOf(definition: InstrumentDefinition): InstrumentItem[][] {
  const items = definition.items;
  if (items.some((item) => item.section !== undefined)) {
    const pages: InstrumentItem[][] = [];
    for (const item of items) {
      const last = pages.at(-1);
      if (last && last[0]?.section === item.section) last.push(item);
      else pages.push([item]);
    }
    return pages;
  }
  const count = Math.ceil(items.length / MAX_PER_PAGE);
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** The page number (1-based) from the address, or null when there is no such page. */
export function pageNumber(definition: InstrumentDefinition, raw: string): number | null {
  if (!/^[1-9]\d{0,2}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= pagesOf(definition).length ? n : null;
}

/** The radio options of a question, as the form components take them (value = what is posted). */
export function optionsOf(item: InstrumentItem): { value: string; label: string }[] {
  switch (item.kind) {
    case 'scored_choice':
      return item.options.map((o) => ({ value: String(o.score), label: o.label }));
    case 'choice':
      return item.options.map((o) => ({ value: o.value, label: o.label }));
    case 'yes_no':
      return [
        { value: 'true', label: 'Yes' },
        { value: 'false', label: 'No' },
      ];
    case 'integer':
      return [];
  }
}

/** A saved answer as the radio value that shows it chosen again. */
export function shownAnswer(value: AnswerValue | undefined): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** The saved answers of a page, to show them chosen again (a page visited before, or a draft resumed). */
export function shownAnswers(
  items: readonly InstrumentItem[],
  answers: Readonly<Record<string, AnswerValue>>,
): ShownValues {
  return Object.fromEntries(items.map((item) => [item.id, shownAnswer(answers[item.id])]));
}

const CHOOSE = 'Choose an answer';

/**
 * A page's answers from its form post: each question must have one of its own options chosen (a missing or
 * forged value is a problem for that question, in plain words). Scored options post their score.
 */
export function readPageAnswers(
  items: readonly InstrumentItem[],
  submitted: Submitted,
):
  | { ok: true; answers: Record<string, AnswerValue>; values: ShownValues }
  | { ok: false; values: ShownValues; problems: FormProblem[] } {
  const answers: Record<string, AnswerValue> = {};
  const values: Record<string, string> = {};
  const problems: FormProblem[] = [];
  for (const item of items) {
    const raw = submitted.get(item.id);
    const posted = typeof raw === 'string' ? raw : '';
    const option = optionsOf(item).find((o) => o.value === posted);
    if (option === undefined) {
      problems.push({ field: item.id, message: CHOOSE });
      continue;
    }
    values[item.id] = posted;
    answers[item.id] =
      item.kind === 'scored_choice' ? Number(posted) : item.kind === 'yes_no' ? posted === 'true' : posted;
  }
  return problems.length > 0 ? { ok: false, values, problems } : { ok: true, answers, values };
}

/** The SDS's subjects (the drugs its cut-offs are published for), as radio options; [] for other instruments. */
export function subjectOptions(definition: InstrumentDefinition): { value: string; label: string }[] {
  return definition.scoring.kind === 'sum_with_cut_off'
    ? definition.scoring.subjects.map((s) => ({ value: s.value, label: s.label }))
    : [];
}
