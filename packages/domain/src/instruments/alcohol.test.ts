import { describe, expect, it } from 'vitest';
import { auditC } from './audit-c.ts';
import { audit } from './audit.ts';
import { scoreInstrument } from './score.ts';
import { answersWithTotal } from './testing.ts';

describe('AUDIT-C (UK) scoring', () => {
  it.each([
    [0, 'lower_risk'],
    [4, 'lower_risk'],
    [5, 'increasing_risk'],
    [7, 'increasing_risk'],
    [8, 'higher_risk'],
    [10, 'higher_risk'],
    [11, 'possible_dependence'],
    [12, 'possible_dependence'],
  ])('puts a total of %i in the %s band', (total, band) => {
    const result = scoreInstrument(auditC, answersWithTotal(auditC, total));
    expect(result.total).toBe(total);
    expect(result.band?.id).toBe(band);
  });

  it('asks for the full AUDIT at 5 but not at 4', () => {
    expect(scoreInstrument(auditC, answersWithTotal(auditC, 4)).alerts).toEqual([]);
    const [alert] = scoreInstrument(auditC, answersWithTotal(auditC, 5)).alerts;
    expect(alert).toMatchObject({ id: 'audit_c_positive', level: 'action', followUp: 'audit', itemId: null });
    expect(alert?.response).toEqual({
      task: 'complete_instrument',
      sameDay: false,
      showCrisisContacts: false,
    });
  });

  it('proposes ALCOHOL (harmful drinking) at 8 but not at 7', () => {
    expect(scoreInstrument(auditC, answersWithTotal(auditC, 7)).proposedFacts).toEqual([]);
    const facts = scoreInstrument(auditC, answersWithTotal(auditC, 8)).proposedFacts;
    expect(facts).toEqual([
      {
        code: 'ALCOHOL',
        use: 'in_risk_model',
        instrumentId: 'audit_c',
        itemId: null,
        question: null,
        answer: null,
        total: 8,
        evidence: 'AUDIT-C total 8 or more (harmful drinking in the risk model).',
      },
    ]);
  });

  it('is never urgent on its own', () => {
    expect(scoreInstrument(auditC, answersWithTotal(auditC, 12)).urgent).toBe(false);
  });
});

describe('AUDIT (WHO) scoring', () => {
  it.each([
    [0, 'lower_risk'],
    [7, 'lower_risk'],
    [8, 'increasing_risk'],
    [15, 'increasing_risk'],
    [16, 'higher_risk'],
    [19, 'higher_risk'],
    [20, 'possible_dependence'],
    [40, 'possible_dependence'],
  ])('puts a total of %i in the %s band', (total, band) => {
    const result = scoreInstrument(audit, answersWithTotal(audit, total));
    expect(result.total).toBe(total);
    expect(result.band?.id).toBe(band);
  });

  it('scores questions 9 and 10 as 0, 2 or 4 and refuses 1 and 3', () => {
    const answers = { ...answersWithTotal(audit, 0), audit_9: 4, audit_10: 2 };
    expect(scoreInstrument(audit, answers).total).toBe(6);
    expect(() => scoreInstrument(audit, { ...answers, audit_9: 1 })).toThrow(/incomplete or invalid/);
    expect(() => scoreInstrument(audit, { ...answers, audit_10: 3 })).toThrow(/incomplete or invalid/);
  });

  it('proposes ALCOHOL at 16 but not at 15', () => {
    expect(scoreInstrument(audit, answersWithTotal(audit, 15)).proposedFacts).toEqual([]);
    const [fact] = scoreInstrument(audit, answersWithTotal(audit, 16)).proposedFacts;
    expect(fact).toMatchObject({
      code: 'ALCOHOL',
      use: 'in_risk_model',
      instrumentId: 'audit',
      itemId: null,
      total: 16,
    });
  });

  it('asks for a dependence assessment at 20 but not at 19', () => {
    expect(scoreInstrument(audit, answersWithTotal(audit, 19)).alerts).toEqual([]);
    const [alert] = scoreInstrument(audit, answersWithTotal(audit, 20)).alerts;
    expect(alert).toMatchObject({ id: 'audit_possible_dependence', level: 'action', followUp: null });
    expect(alert?.response.task).toBe('keyworker_review');
  });
});
