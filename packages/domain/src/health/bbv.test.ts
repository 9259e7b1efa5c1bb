import { describe, expect, it } from 'vitest';
import { ENTRY, needFor } from './testing.ts';

const negativeAb = (on: string): { on: string; result: 'negative' } => ({ on, result: 'negative' });
const injecting = { injecting: { current: true, lastInjectedOn: null } };

describe('hepatitis C antibody test', () => {
  it('is due at entry, due for 28 days, then overdue', () => {
    expect(needFor('hcv_antibody_test', {}, ENTRY)).toMatchObject({
      status: 'due',
      dueDate: ENTRY,
      overdueFrom: '2026-02-03',
    });
    expect(needFor('hcv_antibody_test', {}, '2026-02-02').status).toBe('due');
    expect(needFor('hcv_antibody_test', {}, '2026-02-03').status).toBe('overdue');
  });

  it('accepts a test up to 90 days before entry as the entry test, but not 91', () => {
    expect(
      needFor('hcv_antibody_test', { hcv: { antibodyTests: [negativeAb('2025-10-07')] } }, ENTRY).status,
    ).toBe('met');
    expect(
      needFor('hcv_antibody_test', { hcv: { antibodyTests: [negativeAb('2025-10-06')] } }, ENTRY).status,
    ).toBe('due');
  });

  it('is met once, for someone not injecting', () => {
    const need = needFor('hcv_antibody_test', { hcv: { antibodyTests: [negativeAb(ENTRY)] } }, '2030-01-01');
    expect(need).toMatchObject({ status: 'met', dueDate: null, lastDone: ENTRY });
  });

  it('is due again 12 months after the last test while injecting, not a day before', () => {
    const facts = { ...injecting, hcv: { antibodyTests: [negativeAb('2026-01-05')] } };
    expect(needFor('hcv_antibody_test', facts, '2027-01-04')).toMatchObject({
      status: 'met',
      dueDate: '2027-01-05',
    });
    expect(needFor('hcv_antibody_test', facts, '2027-01-05')).toMatchObject({
      status: 'due',
      dueDate: '2027-01-05',
    });
  });

  it('counts as injecting if the last injection was 12 months ago, but not 12 months and a day', () => {
    const tests = { antibodyTests: [negativeAb('2026-01-05')] };
    const at = (lastInjectedOn: string): string =>
      needFor(
        'hcv_antibody_test',
        { injecting: { current: false, lastInjectedOn }, hcv: tests },
        '2027-01-10',
      ).status;
    expect(at('2026-01-10')).toBe('due');
    expect(at('2026-01-09')).toBe('met');
  });

  it('follows the retest interval a service sets', () => {
    const facts = { ...injecting, hcv: { antibodyTests: [negativeAb('2026-01-05')] } };
    expect(needFor('hcv_antibody_test', facts, '2026-07-05', { hcvRetestMonths: 6 }).status).toBe('due');
  });

  it('is due 42 days after a possible exposure, and only a test from then on meets it', () => {
    const facts = {
      hcv: { antibodyTests: [negativeAb(ENTRY), negativeAb('2026-03-10')], exposures: ['2026-03-01'] },
    };
    expect(needFor('hcv_antibody_test', facts, '2026-03-20')).toMatchObject({
      status: 'upcoming',
      dueDate: '2026-04-12',
    });
    expect(needFor('hcv_antibody_test', facts, '2026-04-12').status).toBe('due');
    const tested = {
      hcv: { ...facts.hcv, antibodyTests: [...facts.hcv.antibodyTests, negativeAb('2026-04-12')] },
    };
    expect(needFor('hcv_antibody_test', tested, '2026-04-20').status).toBe('met');
  });

  it('stops once an antibody test is positive: RNA tests take over', () => {
    const facts = { hcv: { antibodyTests: [{ on: ENTRY, result: 'positive' as const }] } };
    expect(needFor('hcv_antibody_test', facts, '2028-01-01')).toMatchObject({ status: 'met', dueDate: null });
  });
});

describe('hepatitis C RNA test', () => {
  const positive = { on: '2026-01-10', result: 'positive' as const };

  it('does not apply without a positive antibody test', () => {
    expect(
      needFor('hcv_rna_test', { hcv: { antibodyTests: [negativeAb(ENTRY)] } }, '2026-02-01').status,
    ).toBe('not_applicable');
  });

  it('is due after a positive antibody test and met by an RNA test on or after it', () => {
    expect(needFor('hcv_rna_test', { hcv: { antibodyTests: [positive] } }, '2026-01-20')).toMatchObject({
      status: 'due',
      dueDate: '2026-01-10',
    });
    const done = {
      hcv: { antibodyTests: [positive], rnaTests: [{ on: '2026-01-10', result: 'not_detected' as const }] },
    };
    expect(needFor('hcv_rna_test', done, '2026-01-20')).toMatchObject({ status: 'met', dueDate: null });
  });

  it('is met while the virus is detected (the referral is the next step)', () => {
    const facts = {
      ...injecting,
      hcv: { antibodyTests: [positive], rnaTests: [{ on: '2026-01-10', result: 'detected' as const }] },
    };
    expect(needFor('hcv_rna_test', facts, '2027-06-01').status).toBe('met');
  });

  it('checks for reinfection every 12 months while injecting, and after exposure', () => {
    const cleared = {
      antibodyTests: [positive],
      rnaTests: [{ on: '2026-01-10', result: 'not_detected' as const }],
    };
    expect(needFor('hcv_rna_test', { ...injecting, hcv: cleared }, '2027-01-09').status).toBe('met');
    expect(needFor('hcv_rna_test', { ...injecting, hcv: cleared }, '2027-01-10').status).toBe('due');
    expect(
      needFor('hcv_rna_test', { hcv: { ...cleared, exposures: ['2026-06-01'] } }, '2026-07-13'),
    ).toMatchObject({ status: 'due', dueDate: '2026-07-13' });
  });
});

describe('hepatitis C treatment referral and cure check', () => {
  const detected = { on: '2026-02-02', result: 'detected' as const };

  it('makes a referral due on the positive result, overdue after 4 weeks (28 days) and not before', () => {
    const facts = { hcv: { rnaTests: [detected] } };
    expect(needFor('hcv_treatment_referral', facts, '2026-03-02')).toMatchObject({
      status: 'due',
      overdueFrom: '2026-03-03',
    });
    expect(needFor('hcv_treatment_referral', facts, '2026-03-03').status).toBe('overdue');
    expect(
      needFor(
        'hcv_treatment_referral',
        { hcv: { rnaTests: [detected], referrals: ['2026-02-20'] } },
        '2026-03-03',
      ).status,
    ).toBe('met');
  });

  it('does not count a referral from before the current infection', () => {
    const facts = { hcv: { rnaTests: [detected], referrals: ['2025-01-01'] } };
    expect(needFor('hcv_treatment_referral', facts, '2026-02-10').status).toBe('due');
  });

  it('does not apply when the latest RNA result is not detected', () => {
    const facts = { hcv: { rnaTests: [detected, { on: '2026-09-01', result: 'not_detected' as const }] } };
    expect(needFor('hcv_treatment_referral', facts, '2026-09-10').status).toBe('not_applicable');
  });

  it('starts a new referral need on reinfection, counted from its first detected result', () => {
    const rnaTests = [
      detected,
      { on: '2026-09-01', result: 'not_detected' as const },
      { on: '2027-05-01', result: 'detected' as const },
      { on: '2027-05-15', result: 'detected' as const },
    ];
    const need = needFor(
      'hcv_treatment_referral',
      { hcv: { rnaTests, referrals: ['2026-02-20'] } },
      '2027-05-20',
    );
    expect(need).toMatchObject({ status: 'due', dueDate: '2027-05-01' });
  });

  it('makes the cure check due 12 weeks after treatment ends and met by an RNA test from then', () => {
    const treated = { hcv: { rnaTests: [detected], treatmentCompletedOn: '2026-06-01' } };
    expect(needFor('hcv_cure_check', {}, '2026-06-01').status).toBe('not_applicable');
    expect(needFor('hcv_cure_check', treated, '2026-08-23')).toMatchObject({
      status: 'upcoming',
      dueDate: '2026-08-24',
    });
    expect(needFor('hcv_cure_check', treated, '2026-08-24').status).toBe('due');
    const early = {
      hcv: { ...treated.hcv, rnaTests: [detected, { on: '2026-08-23', result: 'not_detected' as const }] },
    };
    expect(needFor('hcv_cure_check', early, '2026-09-01').status).toBe('due');
    const checked = {
      hcv: { ...treated.hcv, rnaTests: [detected, { on: '2026-08-24', result: 'not_detected' as const }] },
    };
    expect(needFor('hcv_cure_check', checked, '2026-09-01')).toMatchObject({
      status: 'met',
      lastDone: '2026-08-24',
    });
  });
});

describe('hepatitis B test and referral', () => {
  it('is due at entry and met by a test, or by recorded immunity', () => {
    expect(needFor('hbv_test', {}, ENTRY).status).toBe('due');
    expect(
      needFor('hbv_test', { hbv: { tests: [{ on: ENTRY, hbsag: 'negative' }] } }, '2026-02-01').status,
    ).toBe('met');
    expect(needFor('hbv_test', { hbv: { immunityRecordedOn: '2015-01-01' } }, ENTRY).status).toBe('met');
    expect(
      needFor(
        'hbv_test',
        { hbv: { tests: [{ on: '2015-01-01', hbsag: 'negative', antiHbs: 'immune' }] } },
        ENTRY,
      ).status,
    ).toBe('met');
  });

  it('asks for a new entry test when the last one is older than the lookback and showed no immunity', () => {
    expect(
      needFor('hbv_test', { hbv: { tests: [{ on: '2015-01-01', hbsag: 'negative' }] } }, ENTRY).status,
    ).toBe('due');
  });

  it('makes a referral due within 4 weeks of a positive surface antigen', () => {
    const facts = { hbv: { tests: [{ on: '2026-01-10', hbsag: 'positive' as const }] } };
    expect(needFor('hbv_referral', facts, '2026-02-07').status).toBe('due');
    expect(needFor('hbv_referral', facts, '2026-02-08').status).toBe('overdue');
    expect(
      needFor('hbv_referral', { hbv: { ...facts.hbv, referrals: ['2026-01-20'] } }, '2026-02-08').status,
    ).toBe('met');
    expect(needFor('hbv_referral', {}, '2026-02-08').status).toBe('not_applicable');
  });
});

describe('HIV test and referral', () => {
  it('is due at entry, then every 12 months only while injecting', () => {
    expect(needFor('hiv_test', {}, ENTRY).status).toBe('due');
    const tested = { hiv: { tests: [{ on: ENTRY, result: 'negative' as const }] } };
    expect(needFor('hiv_test', tested, '2027-01-05')).toMatchObject({ status: 'met', dueDate: null });
    expect(needFor('hiv_test', { ...tested, ...injecting }, '2027-01-04').status).toBe('met');
    expect(needFor('hiv_test', { ...tested, ...injecting }, '2027-01-05').status).toBe('due');
  });

  it('stops testing after a positive result and makes a referral due within 14 days', () => {
    const facts = { hiv: { tests: [{ on: '2026-01-10', result: 'positive' as const }] } };
    expect(needFor('hiv_test', facts, '2026-01-12').status).toBe('met');
    expect(needFor('hiv_referral', facts, '2026-01-24').status).toBe('due');
    expect(needFor('hiv_referral', facts, '2026-01-25').status).toBe('overdue');
    expect(
      needFor('hiv_referral', { hiv: { ...facts.hiv, referrals: ['2026-01-11'] } }, '2026-01-25').status,
    ).toBe('met');
    expect(needFor('hiv_referral', {}, '2026-01-25').status).toBe('not_applicable');
  });
});
