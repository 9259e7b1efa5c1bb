import { describe, expect, it } from 'vitest';
import { isDomainError, type DomainError, type Issue } from '../errors.ts';
import { answerIssues } from './answers.ts';
import type { InstrumentDefinition } from './definition.ts';
import { gad7 } from './gad7.ts';
import { overdoseSelfCheck } from './overdose-self-check.ts';
import { phq9 } from './phq9.ts';
import { scoreInstrument } from './score.ts';
import { sds } from './sds.ts';
import { answersWithTotal } from './testing.ts';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const issues = (definition: InstrumentDefinition, answers: unknown, context = {}): Issue[] =>
  thrown(() => scoreInstrument(definition, answers, context)).issues;

describe('answer validation', () => {
  it('refuses a missing item with INVALID_INPUT and the item id as the path, rather than scoring it zero', () => {
    const { phq9_9: _skipped, ...answers } = answersWithTotal(phq9, 3);
    const error = thrown(() => scoreInstrument(phq9, answers));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The answers to PHQ-9 are incomplete or invalid.');
    expect(error.issues).toEqual([
      { path: ['phq9_9'], message: 'Missing answer: every question must be answered.' },
    ]);
  });

  it('treats undefined and null as missing on a scored instrument', () => {
    expect(issues(gad7, { ...answersWithTotal(gad7, 0), gad7_1: undefined, gad7_2: null })).toEqual([
      { path: ['gad7_1'], message: 'Missing answer: every question must be answered.' },
      { path: ['gad7_2'], message: 'Missing answer: every question must be answered.' },
    ]);
  });

  it('refuses an out-of-range score', () => {
    expect(issues(phq9, { ...answersWithTotal(phq9, 0), phq9_4: 4, phq9_5: -1 })).toEqual([
      { path: ['phq9_4'], message: 'Out of range: must be one of 0, 1, 2, 3.' },
      { path: ['phq9_5'], message: 'Out of range: must be one of 0, 1, 2, 3.' },
    ]);
  });

  it('refuses the wrong type: a string, a fraction, a boolean, NaN', () => {
    const answers = {
      ...answersWithTotal(gad7, 0),
      gad7_1: '2',
      gad7_2: 1.5,
      gad7_3: true,
      gad7_4: Number.NaN,
    };
    expect(issues(gad7, answers).map((i) => i.path[0])).toEqual(['gad7_1', 'gad7_2', 'gad7_3', 'gad7_4']);
    expect(issues(gad7, answers)[0]?.message).toBe(
      'Must be the score of one of the answer options (a whole number).',
    );
  });

  it('refuses an answer to a question the instrument does not have', () => {
    expect(issues(gad7, { ...answersWithTotal(gad7, 0), gad7_8: 1 })).toEqual([
      { path: ['gad7_8'], message: 'Unknown question: GAD-7 has no question with this id.' },
    ]);
  });

  it('reports one issue per problem, all at once', () => {
    expect(issues(gad7, { gad7_1: 9, gad7_2: 'x', extra: 0 })).toHaveLength(1 + 1 + 5 + 1);
  });

  it('refuses answers that are not an object', () => {
    for (const answers of [null, undefined, 3, 'all good', [0, 1, 2]]) {
      expect(issues(gad7, answers)).toEqual([
        { path: [], message: 'Answers must be an object keyed by question id.' },
      ]);
    }
  });

  it('refuses a coded answer that is not one of the options, or not a string', () => {
    const result = answerIssues(overdoseSelfCheck, { left_prison: 'maybe', left_hospital: 1 });
    expect(result.slice(0, 2)).toEqual([
      { path: ['left_prison'], message: 'Out of range: must be one of yes, no.' },
      { path: ['left_hospital'], message: 'Must be the code of one of the answer options.' },
    ]);
  });

  it('never echoes an answer in a message (messages go to logs)', () => {
    const secret = 'my name is Kayleigh';
    const all = answerIssues(overdoseSelfCheck, { left_prison: secret, [secret]: 'yes' });
    for (const issue of all) expect(issue.message).not.toContain('Kayleigh');
  });

  it('refuses a malformed scoring context', () => {
    expect(issues(sds, answersWithTotal(sds, 1), { subject: 'Heroin!' })).toEqual([
      { path: ['context', 'subject'], message: 'a snake_case code' },
    ]);
    expect(
      issues(sds, answersWithTotal(sds, 1), { subject: 'heroin', cutOffs: { heroin: -2 } })[0]?.path,
    ).toEqual(['context', 'cutOffs', 'heroin']);
  });
});

describe('scoring a broken definition', () => {
  it('throws rather than return no band when the bands leave a gap', () => {
    const broken: InstrumentDefinition = {
      ...gad7,
      scoring: { kind: 'sum', bands: [{ id: 'low', label: 'Low', min: 0, max: 4 }] },
    };
    expect(() => scoreInstrument(broken, answersWithTotal(gad7, 5))).toThrow(
      'GAD-7: no band holds the total 5',
    );
  });

  it('gives an info alert no task', () => {
    const withInfo: InstrumentDefinition = {
      ...gad7,
      alerts: [
        {
          id: 'note',
          level: 'info',
          when: [{ kind: 'total_at_least', value: 1 }],
          forStaff: 'A note.',
          forPerson: 'A note.',
        },
      ],
    };
    const [alert] = scoreInstrument(withInfo, answersWithTotal(gad7, 1)).alerts;
    expect(alert?.response).toEqual({ task: null, sameDay: false, showCrisisContacts: false });
  });
});

describe('test answer sets', () => {
  it('cannot build a total beyond the range', () => {
    expect(() => answersWithTotal(phq9, 28)).toThrow('PHQ-9 cannot total 28');
  });
});
