import { describe, expect, it } from 'vitest';
import { crisisContacts } from './crisis.ts';
import { auditC } from './audit-c.ts';
import { audit as auditDefinition } from './audit.ts';
import { phq9 } from './phq9.ts';
import { assessSubmission } from './submission.ts';
import { answersWithTotal, safestSelfCheckAnswers } from './testing.ts';
import { failureOf } from '../error-testing.ts';

const submittedOn = '2026-03-16';
const phq9With = (item9: number): Record<string, number> => ({
  ...answersWithTotal({ ...phq9, items: phq9.items.slice(0, 8) }, 6),
  phq9_9: item9,
});
const selfCheck = (changes: Record<string, string> = {}) =>
  assessSubmission({
    instrumentId: 'overdose_self_check',
    answers: { ...safestSelfCheckAnswers, ...changes },
    submittedOn,
    by: 'self',
  });

describe('assessSubmission: what is urgent', () => {
  it('opens a same-day contact task and shows crisis contacts for PHQ-9 question 9 above 0', () => {
    const outcome = assessSubmission({ instrumentId: 'phq9', answers: phq9With(1), submittedOn, by: 'self' });
    expect(outcome.urgent).toBe(true);
    expect(outcome.sameDayTask).toMatchObject({
      type: 'task',
      kind: 'urgent_contact',
      assignee: 'keyworker',
      dueOn: submittedOn,
      source: 'phq9:phq9_item9',
    });
    expect(outcome.crisisContacts).toEqual(crisisContacts);
  });

  it('is not urgent for PHQ-9 question 9 at 0, whatever the total', () => {
    const outcome = assessSubmission({ instrumentId: 'phq9', answers: phq9With(0), submittedOn, by: 'self' });
    expect(outcome).toMatchObject({ urgent: false, sameDayTask: null, crisisContacts: [] });
  });

  it.each([
    ['an overdose in the last 7 days', { overdose: 'last_7_days' }, 'overdose_self_check:recent_overdose'],
    ['thoughts of suicide', { suicidal_thoughts: 'yes' }, 'overdose_self_check:suicidal_thoughts'],
  ])('is urgent on the overdose-risk self-check for %s', (_name, answer, source) => {
    const outcome = selfCheck(answer);
    expect(outcome.sameDayTask?.source).toBe(source);
    expect(outcome.crisisContacts).toEqual(crisisContacts);
  });

  it('puts every urgent answer in one same-day task', () => {
    const outcome = selfCheck({ overdose: 'last_7_days', suicidal_thoughts: 'yes' });
    expect(outcome.sameDayTask?.source).toBe(
      'overdose_self_check:recent_overdose, overdose_self_check:suicidal_thoughts',
    );
    expect(outcome.sameDayTask?.reason).toMatch(
      /^Make contact today\. Overdose-risk self-check: reports an overdose/,
    );
  });
});

describe('assessSubmission: what enters the risk model, and what waits', () => {
  it('records SUICIDALITY at once from PHQ-9 (a validated instrument)', () => {
    const outcome = assessSubmission({ instrumentId: 'phq9', answers: phq9With(2), submittedOn, by: 'self' });
    expect(outcome.factsNow.map((f) => f.code)).toEqual(['SUICIDALITY']);
    expect(outcome.factsToConfirm).toEqual([]);
    expect(outcome.riskModelUpdate).toEqual({
      events: [{ type: 'suicidality', details: { source: 'phq9_item9' } }],
      alcohol: null,
    });
  });

  it('stores AUDIT-C and AUDIT totals as the current screening, with ALCOHOL at once at the threshold', () => {
    const harmful = assessSubmission({
      instrumentId: 'audit_c',
      answers: answersWithTotal(auditC, 8),
      submittedOn,
      by: 'self',
    });
    expect(harmful.factsNow.map((f) => f.code)).toEqual(['ALCOHOL']);
    expect(harmful.riskModelUpdate.alcohol).toEqual({ auditCScore: 8 });
    expect(harmful.actions.map((a) => a.response.task)).toEqual(['complete_instrument']);
    const audit = assessSubmission({
      instrumentId: 'audit',
      answers: answersWithTotal(auditDefinition, 12),
      submittedOn,
      by: 'staff',
    });
    expect(audit.riskModelUpdate.alcohol).toEqual({ auditScore: 12 });
    expect(audit.factsNow).toEqual([]);
  });

  it('keeps the self-check’s facts for the keyworker to confirm, and records nothing at once', () => {
    const outcome = selfCheck({ suicidal_thoughts: 'yes', using_alone: 'usually' });
    expect(outcome.factsNow).toEqual([]);
    expect(outcome.factsToConfirm.map((f) => [f.code, f.use])).toEqual(
      expect.arrayContaining([
        ['SUICIDALITY', 'keyworker_confirms'],
        ['USING_ALONE', 'keyworker_confirms'],
      ]),
    );
    expect(outcome.riskModelUpdate).toEqual({ events: [], alcohol: null });
  });
});

describe('assessSubmission: bad input', () => {
  it('scores nothing from an incomplete answer set', () => {
    const partial = { ...phq9With(1) } as Record<string, number>;
    delete partial.phq9_9;
    expect(
      failureOf(() => assessSubmission({ instrumentId: 'phq9', answers: partial, submittedOn, by: 'self' })),
    ).toBe('INVALID_INPUT');
  });

  it('refuses TOP from the person themselves (it is done with the keyworker) and an unknown instrument', () => {
    expect(
      failureOf(() => assessSubmission({ instrumentId: 'top', answers: {}, submittedOn, by: 'self' })),
    ).toBe('INVALID_INPUT');
    expect(
      failureOf(() =>
        assessSubmission({ instrumentId: 'k10' as 'top', answers: {}, submittedOn, by: 'self' }),
      ),
    ).toBe('zod');
  });
});
