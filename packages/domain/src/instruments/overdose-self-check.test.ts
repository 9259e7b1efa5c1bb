import { describe, expect, it } from 'vitest';
import { crisisContacts } from './crisis.ts';
import { overdoseSelfCheck } from './overdose-self-check.ts';
import { scoreInstrument, type InstrumentResult } from './score.ts';
import { safestSelfCheckAnswers } from './testing.ts';

/** The lowest-risk answers: the baseline each test changes one answer from. */
const safest = safestSelfCheckAnswers;

const check = (changes: Record<string, string> = {}): InstrumentResult =>
  scoreInstrument(overdoseSelfCheck, { ...safest, ...changes });
const adviceIds = (result: InstrumentResult): string[] => result.advice.map((a) => a.id);
const factCodes = (result: InstrumentResult): string[] => result.proposedFacts.map((f) => f.code);

/** For every question and answer: the advice added to the baseline, and the facts proposed. */
const expectations: [string, string, string[], string[]][] = [
  ['left_prison', 'yes', ['tolerance', 'after_prison'], ['PRISON_RELEASE']],
  ['left_hospital', 'yes', ['tolerance', 'after_hospital'], ['HOSPITAL_DISCHARGE']],
  [
    'left_hospital',
    'yes_early',
    ['tolerance', 'after_hospital', 'left_hospital_early'],
    ['HOSPITAL_DISCHARGE', 'SELF_DISCHARGE'],
  ],
  ['left_treatment', 'detox_or_rehab', ['tolerance'], ['TOLERANCE_LOSS']],
  ['left_treatment', 'stopped_script', ['tolerance', 'stopped_script'], ['OST_EXIT']],
  ['days_without', 'yes', ['tolerance'], ['TOLERANCE_LOSS']],
  ['days_without', 'not_sure', ['tolerance'], []],
  ['alcohol', 'often', ['alcohol'], ['ALCOHOL']],
  ['alcohol', 'sometimes', ['alcohol'], ['ALCOHOL']],
  ['benzos', 'often', ['benzos'], ['BENZODIAZEPINE']],
  ['benzos', 'sometimes', ['benzos'], ['BENZODIAZEPINE']],
  ['gabapentinoids', 'often', ['gabapentinoids'], ['GABAPENTINOID']],
  ['gabapentinoids', 'sometimes', ['gabapentinoids'], ['GABAPENTINOID']],
  ['using_alone', 'usually', ['using_alone'], ['USING_ALONE']],
  ['using_alone', 'sometimes', ['using_alone'], []],
  ['overdose', 'last_7_days', ['recent_overdose', 'overdose_before'], ['NON_FATAL_OVERDOSE']],
  ['overdose', 'last_3_months', ['overdose_before'], ['NON_FATAL_OVERDOSE']],
  ['overdose', 'last_year', ['overdose_before'], ['NON_FATAL_OVERDOSE']],
  ['overdose', 'longer_ago', ['overdose_before'], ['NON_FATAL_OVERDOSE']],
  ['injecting', 'yes', ['injecting'], ['INJECTING']],
  ['breathing', 'yes', ['breathing'], ['CHRONIC_LUNG_DISEASE']],
  ['breathing', 'not_sure', ['breathing_check'], []],
  ['liver', 'yes', ['liver'], ['LIVER_DISEASE']],
  ['liver', 'not_sure', ['liver_test'], []],
  ['naloxone', 'out_of_date', ['naloxone_replace'], []],
  ['naloxone', 'no', ['naloxone_get'], []],
  ['naloxone', 'dont_know', ['naloxone_get'], []],
  ['suicidal_thoughts', 'yes', ['suicidal_thoughts'], ['SUICIDALITY']],
  ['suicidal_thoughts', 'rather_not_say', ['samaritans'], []],
];

describe('overdose-risk self-check', () => {
  it('gives the safest answers only naloxone praise and the naloxone information, no facts and no alerts', () => {
    const result = check();
    expect(adviceIds(result)).toEqual(['naloxone_held', 'naloxone_information']);
    expect(result.proposedFacts).toEqual([]);
    expect(result.alerts).toEqual([]);
  });

  it('never presents a total or band: it is not a validated score', () => {
    const result = check({ overdose: 'last_year', benzos: 'often', injecting: 'yes' });
    expect(result.total).toBeNull();
    expect(result.band).toBeNull();
    expect(result.range).toBeNull();
    expect(result.itemScores).toEqual({});
    expect(result.noScoreExplanation).toMatch(/not a validated score/);
  });

  it.each(expectations)(
    'answering %s = %s gives its advice and proposes its facts',
    (item, answer, advice, facts) => {
      const result = check({ [item]: answer });
      const baseline =
        item === 'naloxone' ? ['naloxone_information'] : ['naloxone_held', 'naloxone_information'];
      expect(adviceIds(result).sort()).toEqual([...advice, ...baseline].sort());
      expect(factCodes(result)).toEqual(facts);
      for (const fact of result.proposedFacts) {
        // Not a validated score: nothing it raises reaches the risk model until a keyworker confirms it.
        expect(fact).toMatchObject({
          use: 'keyworker_confirms',
          instrumentId: 'overdose_self_check',
          itemId: item,
          answer,
          total: null,
        });
        expect(fact.question).toBe(overdoseSelfCheck.items.find((i) => i.id === item)?.text);
      }
    },
  );

  it('covers every answer option of every question in the table above', () => {
    const covered = new Set(expectations.map(([item, answer]) => `${item}=${answer}`));
    for (const item of overdoseSelfCheck.items) {
      if (item.kind !== 'choice') continue;
      for (const option of item.options) {
        if (option.value !== safest[item.id])
          expect(covered, `${item.id}=${option.value}`).toContain(`${item.id}=${option.value}`);
      }
    }
  });

  it('shows the same advice once, however many answers call for it', () => {
    const result = check({ left_prison: 'yes', left_hospital: 'yes', days_without: 'yes' });
    expect(adviceIds(result).filter((id) => id === 'tolerance')).toHaveLength(1);
  });

  it('raises an urgent same-day alert with crisis contacts for an overdose in the last 7 days', () => {
    const result = check({ overdose: 'last_7_days' });
    expect(result.urgent).toBe(true);
    expect(result.alerts.map((a) => [a.id, a.level, a.itemId])).toEqual([
      ['recent_overdose', 'urgent', 'overdose'],
    ]);
    expect(result.alerts[0]?.response).toEqual({
      task: 'urgent_same_day_contact',
      sameDay: true,
      showCrisisContacts: true,
    });
    expect(result.crisisContacts).toEqual(crisisContacts);
  });

  it.each(['last_3_months', 'last_year', 'longer_ago', 'never'])(
    'is not urgent for an overdose answer of %s',
    (answer) => {
      const result = check({ overdose: answer });
      expect(result.urgent).toBe(false);
      expect(result.crisisContacts).toEqual([]);
    },
  );

  it('raises an urgent same-day alert with crisis contacts for suicidal thoughts', () => {
    const result = check({ suicidal_thoughts: 'yes' });
    expect(result.urgent).toBe(true);
    expect(result.alerts.map((a) => a.id)).toEqual(['suicidal_thoughts']);
    expect(result.crisisContacts.map((c) => c.phone)).toEqual(['116 123', '111', '999']);
  });

  it('is not urgent for "rather not say", but still gives the Samaritans number', () => {
    const result = check({ suicidal_thoughts: 'rather_not_say' });
    expect(result.urgent).toBe(false);
    expect(result.advice.find((a) => a.id === 'samaritans')?.text.join(' ')).toContain('116 123');
  });

  it('raises both urgent alerts together when both apply', () => {
    const result = check({ overdose: 'last_7_days', suicidal_thoughts: 'yes' });
    expect(result.alerts.map((a) => a.id)).toEqual(['recent_overdose', 'suicidal_thoughts']);
  });

  it('asks the keyworker to offer naloxone when none is held in date', () => {
    for (const answer of ['no', 'out_of_date', 'dont_know']) {
      const [alert] = check({ naloxone: answer }).alerts;
      expect(alert).toMatchObject({ id: 'no_naloxone', level: 'action' });
      expect(alert?.response.task).toBe('keyworker_review');
    }
  });

  it('always gives the naloxone information', () => {
    for (const answer of ['yes', 'out_of_date', 'no', 'dont_know']) {
      const info = check({ naloxone: answer }).advice.find((a) => a.id === 'naloxone_information');
      expect(info?.text.join(' ')).toMatch(/call 999/);
    }
  });
});

describe('plain English (reading age about 9)', () => {
  const sentences = (text: string): string[] =>
    text
      .split(/(?<=[.?!])\s+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const words = (sentence: string): string[] => sentence.split(/\s+/).filter((w) => /\w/.test(w));
  const advice = overdoseSelfCheck.advice.flatMap((rule) => rule.text.flatMap(sentences));
  const questions = overdoseSelfCheck.items.flatMap((item) => sentences(`${item.text} ${item.hint ?? ''}`));

  it('keeps advice sentences to 14 words and questions to 16, with advice averaging under 10', () => {
    for (const sentence of advice) expect(words(sentence).length, sentence).toBeLessThanOrEqual(14);
    for (const sentence of questions) expect(words(sentence).length, sentence).toBeLessThanOrEqual(16);
    const mean = advice.reduce((sum, s) => sum + words(s).length, 0) / advice.length;
    expect(mean).toBeLessThan(10);
  });

  it('speaks to the person: every advice rule says "you" or "your"', () => {
    for (const rule of overdoseSelfCheck.advice) expect(rule.text.join(' '), rule.id).toMatch(/\byou(r)?\b/i);
  });

  it('avoids clinical jargon in the advice', () => {
    const jargon = /\b(tolerance|respiratory|depression|paraphernalia|administer|intravenous|concomitant)\b/i;
    for (const sentence of advice) expect(sentence).not.toMatch(jargon);
  });

  it('uses the example from the brief for tolerance after time away', () => {
    const tolerance = overdoseSelfCheck.advice.find((rule) => rule.id === 'tolerance');
    expect(tolerance?.text.slice(0, 2)).toEqual([
      "Your body can't handle as much after time away.",
      'Start with a much smaller amount.',
    ]);
  });
});
