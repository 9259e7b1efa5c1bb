import { describe, expect, it } from 'vitest';
import { ENTRY, needFor } from './testing.ts';

describe('liver function tests', () => {
  it('are due at entry, then 12 months after the last one, not a day before', () => {
    expect(needFor('liver_function_tests', {}, ENTRY).status).toBe('due');
    const done = { done: { liverFunctionTests: ['2026-01-10'] } };
    expect(needFor('liver_function_tests', done, '2027-01-09')).toMatchObject({
      status: 'met',
      dueDate: '2027-01-10',
    });
    expect(needFor('liver_function_tests', done, '2027-01-10').status).toBe('due');
    expect(needFor('liver_function_tests', done, '2027-02-07').status).toBe('due');
    expect(needFor('liver_function_tests', done, '2027-02-08').status).toBe('overdue');
  });

  it('are needed before buprenorphine starts if not done in the last 90 days', () => {
    const planned = (on: string): { buprenorphine: 'planned'; done: { liverFunctionTests: string[] } } => ({
      buprenorphine: 'planned',
      done: { liverFunctionTests: [on] },
    });
    expect(needFor('liver_function_tests', planned('2025-12-31'), '2026-03-31').status).toBe('met');
    const stale = needFor('liver_function_tests', planned('2025-12-30'), '2026-03-31');
    expect(stale).toMatchObject({ status: 'due', dueDate: '2026-03-31' });
    expect(stale.reason).toMatch(/before buprenorphine/);
  });

  it('keep an overdue routine test overdue when buprenorphine is planned', () => {
    const need = needFor('liver_function_tests', { buprenorphine: 'planned' }, '2026-03-01');
    expect(need).toMatchObject({ status: 'overdue', dueDate: ENTRY });
    expect(need.reason).toMatch(/before buprenorphine/);
  });

  it('follow the ordinary yearly rule once buprenorphine has started', () => {
    const current = { buprenorphine: 'current' as const, done: { liverFunctionTests: ['2025-10-01'] } };
    expect(needFor('liver_function_tests', current, '2026-03-31').status).toBe('met');
  });
});

describe('respiratory needs (everyone who smokes anything)', () => {
  const smoker = { smokes: true };

  it('do not apply to non-smokers', () => {
    for (const code of ['respiratory_check', 'flu_vaccine', 'pneumococcal_vaccine', 'spirometry'] as const) {
      expect(needFor(code, {}, ENTRY).status, code).toBe('not_applicable');
    }
  });

  it('make the chest check due at entry, then yearly', () => {
    expect(needFor('respiratory_check', smoker, ENTRY).status).toBe('due');
    const done = { ...smoker, done: { respiratoryCheck: ['2026-01-20'] } };
    expect(needFor('respiratory_check', done, '2027-01-19').status).toBe('met');
    expect(needFor('respiratory_check', done, '2027-01-20').status).toBe('due');
  });

  it('give the pneumococcal vaccine once', () => {
    expect(needFor('pneumococcal_vaccine', smoker, ENTRY).status).toBe('due');
    const given = { ...smoker, done: { pneumococcalVaccine: ['2026-01-20'] } };
    expect(needFor('pneumococcal_vaccine', given, '2036-01-01')).toMatchObject({
      status: 'met',
      dueDate: null,
    });
  });

  it('make the flu vaccine due when the season opens on 1 September and overdue from 1 December', () => {
    expect(needFor('flu_vaccine', smoker, '2026-09-01')).toMatchObject({
      status: 'due',
      dueDate: '2026-09-01',
    });
    expect(needFor('flu_vaccine', smoker, '2026-11-30').status).toBe('due');
    expect(needFor('flu_vaccine', smoker, '2026-12-01').status).toBe('overdue');
    expect(needFor('flu_vaccine', smoker, '2027-03-31')).toMatchObject({
      status: 'overdue',
      dueDate: '2026-09-01',
    });
  });

  it('treat a vaccine given this season as met until the next season opens', () => {
    const given = { ...smoker, done: { fluVaccine: ['2026-10-02'] } };
    expect(needFor('flu_vaccine', given, '2027-08-31')).toMatchObject({
      status: 'met',
      dueDate: '2027-09-01',
    });
    expect(needFor('flu_vaccine', given, '2027-09-01')).toMatchObject({
      status: 'due',
      dueDate: '2027-09-01',
    });
  });

  it('wait for the next season when the last one was missed and it has closed', () => {
    const need = needFor('flu_vaccine', { ...smoker, entryDate: '2026-01-05' }, '2026-04-01');
    expect(need).toMatchObject({ status: 'upcoming', dueDate: '2026-09-01' });
  });

  it('follow a service flu season setting', () => {
    const settings = { fluSeasonStartMonth: 10, fluSeasonEndMonth: 2, fluGraceDays: 30 };
    expect(needFor('flu_vaccine', smoker, '2026-09-15', settings)).toMatchObject({
      status: 'upcoming',
      dueDate: '2026-10-01',
    });
    expect(needFor('flu_vaccine', smoker, '2026-11-01', settings).status).toBe('overdue');
  });

  it('make spirometry due for a symptomatic smoker from age 35, counting an unknown age as eligible', () => {
    const symptomatic = { ...smoker, respiratorySymptomsSince: '2026-02-01' };
    expect(needFor('spirometry', { ...symptomatic, dateOfBirth: '1991-02-11' }, '2026-02-10').status).toBe(
      'not_applicable',
    );
    // Turns 35 on the day asked about: due from the birthday, since the symptoms began earlier.
    expect(needFor('spirometry', { ...symptomatic, dateOfBirth: '1991-02-10' }, '2026-02-10')).toMatchObject({
      status: 'due',
      dueDate: '2026-02-10',
    });
    expect(needFor('spirometry', { ...symptomatic, dateOfBirth: '1980-02-05' }, '2026-02-10').dueDate).toBe(
      '2026-02-01',
    );
    expect(needFor('spirometry', symptomatic, '2026-02-10').status).toBe('due');
    expect(needFor('spirometry', smoker, '2026-02-10').status).toBe('not_applicable');
  });

  it('count only spirometry done since the symptoms began', () => {
    const facts = { ...smoker, respiratorySymptomsSince: '2026-02-01', done: { spirometry: ['2025-06-01'] } };
    expect(needFor('spirometry', facts, '2026-02-10').status).toBe('due');
    const after = { ...facts, done: { spirometry: ['2025-06-01', '2026-02-03'] } };
    expect(needFor('spirometry', after, '2026-02-10')).toMatchObject({ status: 'met', dueDate: null });
  });
});

describe('injecting site, wound and DVT check', () => {
  it('applies if injected in the last 12 months, and not 12 months and a day ago', () => {
    const at = (lastInjectedOn: string): string =>
      needFor('injecting_site_check', { injecting: { current: false, lastInjectedOn } }, '2026-06-15').status;
    expect(at('2025-06-15')).not.toBe('not_applicable');
    expect(at('2025-06-14')).toBe('not_applicable');
  });

  it('is due at entry, then every 3 months', () => {
    const facts = {
      injecting: { current: true, lastInjectedOn: null },
      done: { injectingSiteCheck: ['2026-02-01'] },
    };
    expect(needFor('injecting_site_check', { injecting: facts.injecting }, ENTRY).status).toBe('due');
    expect(needFor('injecting_site_check', facts, '2026-04-30')).toMatchObject({
      status: 'met',
      dueDate: '2026-05-01',
    });
    expect(needFor('injecting_site_check', facts, '2026-05-01').status).toBe('due');
  });
});

describe('ECG (QTc)', () => {
  const methadone = (currentDoseMg: number, plannedDoseMg: number | null = null) => ({
    methadone: { currentDoseMg, plannedDoseMg },
  });

  it('does not apply at 100 mg or less with no QT-prolonging medicine', () => {
    expect(needFor('ecg', methadone(100), ENTRY).status).toBe('not_applicable');
    expect(needFor('ecg', {}, ENTRY).status).toBe('not_applicable');
  });

  it('is overdue at once above 100 mg with no ECG: it was needed before the dose went up', () => {
    expect(needFor('ecg', methadone(101), ENTRY)).toMatchObject({ status: 'due', overdueFrom: '2026-01-06' });
    expect(needFor('ecg', methadone(101), '2026-01-06').status).toBe('overdue');
  });

  it('is needed before a planned increase above 100 mg, without becoming overdue by itself', () => {
    const need = needFor('ecg', methadone(90, 110), '2026-03-01');
    expect(need).toMatchObject({ status: 'due', dueDate: '2026-03-01' });
    expect(need.reason).toMatch(/before the methadone dose goes above 100 mg/);
    expect(
      needFor('ecg', { ...methadone(90, 110), done: { ecg: ['2026-02-01'] } }, '2026-03-01').status,
    ).toBe('met');
  });

  it('is yearly above 100 mg or with QT-prolonging medicine', () => {
    const above = { ...methadone(120), done: { ecg: ['2026-01-10'] } };
    expect(needFor('ecg', above, '2027-01-09')).toMatchObject({ status: 'met', dueDate: '2027-01-10' });
    expect(needFor('ecg', above, '2027-01-10').status).toBe('due');
    expect(needFor('ecg', above, '2027-01-11').status).toBe('overdue');
    const qt = { qtProlongingCoMedication: true, done: { ecg: ['2026-01-10'] } };
    expect(needFor('ecg', qt, '2027-01-11').status).toBe('due');
    expect(needFor('ecg', { qtProlongingCoMedication: true }, ENTRY).status).toBe('due');
  });
});

describe('yearly and three-monthly checks for everyone', () => {
  it.each([
    ['dental_check', 'dental'],
    ['nutrition_check', 'nutrition'],
    ['sexual_health_check', 'sexualHealth'],
  ] as const)('%s is due at entry, then yearly', (code, key) => {
    expect(needFor(code, {}, ENTRY).status).toBe('due');
    const done = { done: { [key]: ['2026-01-20'] } };
    expect(needFor(code, done, '2027-01-19').status).toBe('met');
    expect(needFor(code, done, '2027-01-20').status).toBe('due');
  });

  it.each([
    ['phq9_screen', 'phq9'],
    ['gad7_screen', 'gad7'],
  ] as const)('%s is due at entry, then every 3 months', (code, key) => {
    expect(needFor(code, {}, ENTRY).status).toBe('due');
    const done = { done: { [key]: ['2026-01-31'] } };
    expect(needFor(code, done, '2026-04-29')).toMatchObject({ status: 'met', dueDate: '2026-04-30' });
    expect(needFor(code, done, '2026-04-30').status).toBe('due');
    expect(needFor(code, done, '2026-07-30', { mentalHealthScreenIntervalMonths: 6 }).status).toBe('met');
    expect(needFor(code, done, '2026-07-31', { mentalHealthScreenIntervalMonths: 6 }).status).toBe('due');
  });
});

describe('suicide risk review', () => {
  const concern = { suicideConcerns: [{ on: '2026-02-10', source: 'phq9_item9' as const }] };

  it('does not apply without a concern', () => {
    expect(needFor('suicide_risk_review', {}, '2026-02-10').status).toBe('not_applicable');
  });

  it('is due the same day as PHQ-9 question 9 above 0 and overdue the next day', () => {
    expect(needFor('suicide_risk_review', concern, '2026-02-10')).toMatchObject({
      status: 'due',
      overdueFrom: '2026-02-11',
    });
    expect(needFor('suicide_risk_review', concern, '2026-02-11').status).toBe('overdue');
  });

  it('applies the same way to a concern raised by anyone, and the grace setting cannot delay it', () => {
    const raised = { suicideConcerns: [{ on: '2026-02-10', source: 'concern_raised' as const }] };
    expect(needFor('suicide_risk_review', raised, '2026-02-11', { overdueGraceDays: 60 }).status).toBe(
      'overdue',
    );
  });

  it('is met by a review on or after the latest concern, and needed again after a new one', () => {
    const reviewed = { ...concern, done: { suicideRiskReview: ['2026-02-10'] } };
    expect(needFor('suicide_risk_review', reviewed, '2026-02-12').status).toBe('met');
    const again = {
      ...reviewed,
      suicideConcerns: [...concern.suicideConcerns, { on: '2026-03-01', source: 'concern_raised' as const }],
    };
    expect(needFor('suicide_risk_review', again, '2026-03-01').status).toBe('due');
  });

  it('cannot be declined', () => {
    const declined = {
      ...concern,
      declines: [{ need: 'suicide_risk_review' as const, on: '2026-02-10', reason: 'Did not want to talk' }],
    };
    expect(needFor('suicide_risk_review', declined, '2026-02-11').status).toBe('overdue');
  });
});
