import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { isDomainError } from '../errors.ts';
import { healthNeedCatalogue, healthNeedCodes, healthNeedDefinition } from './catalogue.ts';
import { healthNeeds } from './needs.ts';
import { defaultHealthSettings, HealthSettings } from './settings.ts';
import { ENTRY, needFor, personas } from './testing.ts';

describe('the catalogue', () => {
  it('has every need once, in order, each with a name, rule texts and how it is met', () => {
    expect(healthNeedCatalogue.map((n) => n.code)).toEqual([...healthNeedCodes]);
    for (const need of healthNeedCatalogue) {
      expect(need.name, need.code).toMatch(/\w/);
      expect(need.appliesTo, need.code).toMatch(/\w/);
      expect(need.due, need.code).toMatch(/\w/);
      for (const key of need.settings)
        expect(defaultHealthSettings, `${need.code}.${key}`).toHaveProperty(key);
    }
    expect(healthNeedDefinition('ecg').metBy).toBe('test');
  });

  it('lets only the suicide risk review refuse declines', () => {
    expect(healthNeedCatalogue.filter((n) => !n.declinable).map((n) => n.code)).toEqual([
      'suicide_risk_review',
    ]);
  });

  it('returns every need for a person, and the same result for the same facts and date', () => {
    const first = healthNeeds(personas.dean, '2026-02-01');
    expect(first.map((n) => n.code)).toEqual([...healthNeedCodes]);
    expect(healthNeeds(personas.dean, '2026-02-01')).toEqual(first);
  });
});

describe('settings', () => {
  it('default to the values in docs/health-needs.md', () => {
    expect(HealthSettings.parse({})).toEqual(defaultHealthSettings);
    expect(defaultHealthSettings).toMatchObject({
      overdueGraceDays: 28,
      entryTestLookbackDays: 90,
      hcvRetestMonths: 12,
      hivRetestMonths: 12,
      hcvReferralDays: 28,
      hbvDoseGraceDays: 7,
      lftIntervalMonths: 12,
      injectingSiteCheckIntervalMonths: 3,
      mentalHealthScreenIntervalMonths: 3,
      declineValidDays: 90,
    });
  });

  it('change the grace period for routine needs', () => {
    expect(needFor('dental_check', {}, '2026-01-12', { overdueGraceDays: 7 }).status).toBe('due');
    expect(needFor('dental_check', {}, '2026-01-13', { overdueGraceDays: 7 }).status).toBe('overdue');
  });
});

describe('due and overdue', () => {
  it('is upcoming before the due date, due from it to the end of the grace period, overdue after', () => {
    const facts = { done: { dental: ['2026-02-01'] } };
    expect(needFor('dental_check', facts, '2027-01-31').status).toBe('met');
    expect(needFor('dental_check', facts, '2027-02-01')).toMatchObject({
      status: 'due',
      overdueFrom: '2027-03-02',
    });
    expect(needFor('dental_check', facts, '2027-03-01').status).toBe('due');
    expect(needFor('dental_check', facts, '2027-03-02').status).toBe('overdue');
  });

  it('never lets something recorded after the date asked about meet a need', () => {
    const facts = { done: { dental: ['2026-03-01'] } };
    expect(needFor('dental_check', facts, '2026-02-20').status).toBe('overdue');
    expect(needFor('dental_check', facts, '2026-03-01').status).toBe('met');
  });

  it('marks everything not applicable before the entry date', () => {
    const needs = healthNeeds({ entryDate: '2026-05-01' }, '2026-04-30');
    expect(new Set(needs.map((n) => n.status))).toEqual(new Set(['not_applicable']));
  });
});

describe('declines', () => {
  const declined = (on: string): { declines: { need: 'dental_check'; on: string; reason: string }[] } => ({
    declines: [{ need: 'dental_check', on, reason: 'Has a dentist already' }],
  });

  it('are respected for 90 days, then the need is offered again', () => {
    const need = needFor('dental_check', declined('2026-02-01'), '2026-05-01');
    expect(need).toMatchObject({
      status: 'declined',
      declined: { on: '2026-02-01', reason: 'Has a dentist already', reofferOn: '2026-05-02' },
    });
    expect(needFor('dental_check', declined('2026-02-01'), '2026-05-02').status).toBe('overdue');
  });

  it('use the latest decline, and ignore one older than the last time the need was met', () => {
    const two = { declines: [...declined('2026-01-10').declines, ...declined('2026-03-01').declines] };
    expect(needFor('dental_check', two, '2026-05-01').declined?.on).toBe('2026-03-01');
    const stale = { ...declined('2025-06-01'), done: { dental: ['2025-07-01'] } };
    expect(needFor('dental_check', stale, '2026-08-01').status).toBe('overdue');
  });

  it('do not stop a need that is met, and follow the service setting', () => {
    const met = { ...declined('2026-02-01'), done: { dental: ['2026-02-02'] } };
    expect(needFor('dental_check', met, '2026-03-01').status).toBe('met');
    expect(
      needFor('dental_check', declined('2026-02-01'), '2026-03-04', { declineValidDays: 30 }).status,
    ).toBe('overdue');
  });

  it('are ignored when recorded after the date asked about', () => {
    expect(needFor('dental_check', declined('2026-03-01'), '2026-02-20').status).toBe('overdue');
  });
});

describe('bookings', () => {
  const booked = (on: string): { bookings: { need: 'hiv_test'; on: string }[] } => ({
    bookings: [{ need: 'hiv_test', on }],
  });

  it('show a due need as booked when the booking is before it becomes overdue', () => {
    expect(needFor('hiv_test', booked('2026-01-20'), ENTRY)).toMatchObject({
      status: 'booked',
      bookedFor: '2026-01-20',
    });
    expect(needFor('hiv_test', booked('2026-02-02'), ENTRY).status).toBe('booked');
  });

  it('do not hide a chase: a booking on or after the overdue day leaves the need due, then overdue', () => {
    expect(needFor('hiv_test', booked('2026-02-03'), ENTRY)).toMatchObject({
      status: 'due',
      bookedFor: '2026-02-03',
    });
    const late = needFor('hiv_test', booked('2026-03-01'), '2026-02-10');
    expect(late).toMatchObject({ status: 'overdue', bookedFor: '2026-03-01' });
  });

  it('ignore past bookings, use the earliest future one, and outrank a decline', () => {
    const facts = {
      bookings: [
        { need: 'hiv_test' as const, on: '2026-01-30' },
        { need: 'hiv_test' as const, on: '2026-01-03' },
        { need: 'hiv_test' as const, on: '2026-01-25' },
      ],
    };
    expect(needFor('hiv_test', facts, ENTRY).bookedFor).toBe('2026-01-25');
    const both = {
      ...booked('2026-01-20'),
      declines: [{ need: 'hiv_test' as const, on: ENTRY, reason: 'Not today' }],
    };
    expect(needFor('hiv_test', both, ENTRY).status).toBe('booked');
  });

  it('are shown beside a met need without changing it', () => {
    const facts = { ...booked('2027-01-20'), hiv: { tests: [{ on: ENTRY, result: 'negative' as const }] } };
    expect(needFor('hiv_test', facts, '2026-06-01')).toMatchObject({
      status: 'met',
      bookedFor: '2027-01-20',
    });
  });
});

describe('invalid input', () => {
  const errorOf = (fn: () => unknown): { code: string; paths: string[] } => {
    try {
      fn();
    } catch (error) {
      if (isDomainError(error)) return { code: error.code, paths: error.issues.map((i) => i.path.join('.')) };
    }
    return { code: 'none', paths: [] };
  };

  it('refuses impossible dates, unknown fields, bad settings and a bad date asked about', () => {
    expect(errorOf(() => healthNeeds({ entryDate: '2026-02-30' }, ENTRY))).toEqual({
      code: 'INVALID_INPUT',
      paths: ['facts.entryDate'],
    });
    expect(errorOf(() => healthNeeds({ entryDate: ENTRY, hepatitisD: true } as never, ENTRY)).paths).toEqual([
      'facts',
    ]);
    expect(errorOf(() => healthNeeds({ entryDate: ENTRY }, ENTRY, { overdueGraceDays: -1 })).paths).toEqual([
      'settings.overdueGraceDays',
    ]);
    expect(errorOf(() => healthNeeds({ entryDate: ENTRY }, 'yesterday')).paths).toEqual(['asOf']);
    expect(
      errorOf(() =>
        healthNeeds(
          { entryDate: ENTRY, declines: [{ need: 'hepatitis_d', on: ENTRY, reason: 'x' }] } as never,
          ENTRY,
        ),
      ).paths,
    ).toEqual(['facts.declines.0.need']);
  });
});

describe('personas', () => {
  it('Dean (methadone 110 mg, smoker with a cough, immune to hepatitis B) has an ECG and spirometry to chase', () => {
    const needs = healthNeeds(personas.dean, '2026-03-01');
    const by = (code: string): string | undefined => needs.find((n) => n.code === code)?.status;
    expect(by('ecg')).toBe('overdue');
    expect(by('spirometry')).toBe('overdue');
    expect(by('hbv_vaccination')).toBe('not_applicable');
    expect(by('flu_vaccine')).toBe('met');
    expect(by('injecting_site_check')).toBe('not_applicable');
    expect(by('dental_check')).toBe('overdue');
  });

  it('Kayleigh (injecting, buprenorphine planned, recent exposure) needs BBV tests, vaccine, LFTs and a wound check', () => {
    const needs = healthNeeds(personas.kayleigh, '2026-01-27');
    const by = (code: string): string | undefined => needs.find((n) => n.code === code)?.status;
    expect(by('hcv_antibody_test')).toBe('due');
    expect(by('hbv_vaccination')).toBe('due');
    expect(by('liver_function_tests')).toBe('due');
    expect(by('injecting_site_check')).toBe('due');
    expect(by('ecg')).toBe('not_applicable');
  });

  it('Mo (needle exchange, two vaccine doses) has an overdue third dose chased', () => {
    const need = healthNeeds(personas.mo, '2026-02-01').find((n) => n.code === 'hbv_vaccination');
    expect(need).toMatchObject({ status: 'overdue', dueDate: '2025-10-06' });
  });
});

describe('properties', () => {
  it('every status agrees with its dates, for any date asked about', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30, max: 800 }),
        fc.constantFrom(...Object.values(personas)),
        (offset, persona) => {
          const asOf = addDays(persona.entryDate, offset);
          for (const need of healthNeeds(persona, asOf)) {
            if (need.status === 'not_applicable') expect(need.dueDate).toBeNull();
            if (need.status === 'overdue')
              expect(need.overdueFrom !== null && asOf >= need.overdueFrom).toBe(true);
            if (need.status === 'due') expect(need.dueDate !== null && asOf >= need.dueDate).toBe(true);
            if (need.status === 'upcoming') expect(need.dueDate !== null && asOf < need.dueDate).toBe(true);
            if (need.status === 'met' && need.dueDate !== null) expect(asOf < need.dueDate).toBe(true);
            if (need.lastDone !== null) expect(need.lastDone <= asOf).toBe(true);
          }
        },
      ),
    );
  });
});
