import { selfReportInstruments } from '@harbour/domain/instruments/registry';
import { pagesOf } from '#lib/assessment-pages.ts';
import { instrumentWords } from '#lib/assessment-words.ts';
import type { PageServerLoad } from './$types';

/** The questionnaires a person may fill in themselves (every self-report instrument in the domain registry). */
export const load: PageServerLoad = () => ({
  instruments: selfReportInstruments().map((definition) => ({
    id: definition.id,
    name: definition.name,
    questions: definition.items.length,
    pages: pagesOf(definition).length,
    ...instrumentWords[definition.id],
  })),
});
