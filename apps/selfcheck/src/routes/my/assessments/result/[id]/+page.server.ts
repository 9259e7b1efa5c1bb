import { error } from '@sveltejs/kit';
import { HARBOUR_SERVICE_PHONE } from '$app/env/private';
import { Id } from '@harbour/domain/ids';
import { instruments } from '@harbour/domain/instruments/registry';
import { instrumentWords, scoreWords } from '#lib/assessment-words.ts';
import { readOrFail } from '#lib/server/calls.ts';
import type { PageServerLoad } from './$types';

/**
 * What the person sees once they have sent their answers: crisis help first when any answer was urgent, then
 * the score and what it means (or, for the overdose-risk self-check, why there is no score), and advice.
 */
export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  if (!Id.safeParse(params.id).success) error(404, 'Page not found');
  const submitted = await readOrFail(
    locals.api.selfcheck.assessment.query({ id: params.id }),
    cookies,
    url.pathname,
  );
  const { result } = submitted;
  const definition = instruments[submitted.instrumentId];
  const words = instrumentWords[submitted.instrumentId];
  return {
    title: words.title,
    name: definition.name,
    attribution: definition.attribution,
    urgent: submitted.urgent,
    crisisContacts: result.crisisContacts,
    servicePhone: HARBOUR_SERVICE_PHONE,
    score: result.total === null ? null : scoreWords(result.total, result.range),
    band: result.band?.label ?? null,
    scoreMeans: words.scoreMeans,
    noScore: result.noScoreExplanation,
    messages: result.alerts.filter((a) => a.level !== 'urgent').map((a) => a.forPerson),
    urgentMessages: result.alerts.filter((a) => a.level === 'urgent').map((a) => a.forPerson),
    advice: result.advice.map((a) => ({ id: a.id, text: a.text })),
  };
};
