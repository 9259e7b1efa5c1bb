import { describe, expect, it } from 'vitest';
import { hbvVaccineSchedule } from './hbv-vaccine.ts';
import { defaultHealthSettings } from './settings.ts';
import { ENTRY, needFor } from './testing.ts';

const schedule = (doses: string[], asOf: string): ReturnType<typeof hbvVaccineSchedule> =>
  hbvVaccineSchedule(doses, ENTRY, asOf, defaultHealthSettings);

describe('hepatitis B accelerated course: day 0, 7, 21, booster at 12 months', () => {
  it('makes the first dose due at entry, due for 7 days, then overdue', () => {
    expect(schedule([], '2026-01-04').next).toMatchObject({ number: 1, dueDate: ENTRY, status: 'upcoming' });
    expect(schedule([], ENTRY).next).toMatchObject({ number: 1, status: 'due', overdueFrom: '2026-01-13' });
    expect(schedule([], '2026-01-12').next?.status).toBe('due');
    expect(schedule([], '2026-01-13').next?.status).toBe('overdue');
  });

  it('schedules the second dose on day 7 and chases it from day 15', () => {
    const doses = ['2026-01-05'];
    expect(schedule(doses, '2026-01-11').next).toMatchObject({
      number: 2,
      dueDate: '2026-01-12',
      status: 'upcoming',
    });
    expect(schedule(doses, '2026-01-12').next?.status).toBe('due');
    expect(schedule(doses, '2026-01-19').next?.status).toBe('due');
    expect(schedule(doses, '2026-01-20').next).toMatchObject({
      status: 'overdue',
      overdueFrom: '2026-01-20',
    });
  });

  it('schedules the third dose on day 21 and chases it from day 29', () => {
    const doses = ['2026-01-05', '2026-01-12'];
    expect(schedule(doses, '2026-01-20').next).toMatchObject({
      number: 3,
      dueDate: '2026-01-26',
      status: 'upcoming',
    });
    expect(schedule(doses, '2026-02-02').next?.status).toBe('due');
    expect(schedule(doses, '2026-02-03').next?.status).toBe('overdue');
  });

  it('schedules the booster 12 months after the first dose, with the routine grace', () => {
    const doses = ['2026-01-05', '2026-01-12', '2026-01-26'];
    expect(schedule(doses, '2026-06-01').next).toMatchObject({
      number: 4,
      label: 'booster (12 months)',
      dueDate: '2027-01-05',
      status: 'upcoming',
    });
    expect(schedule(doses, '2027-02-02').next?.status).toBe('due');
    expect(schedule(doses, '2027-02-03').next?.status).toBe('overdue');
  });

  it('is complete after the booster', () => {
    const result = schedule(['2026-01-05', '2026-01-12', '2026-01-26', '2027-01-06'], '2027-03-01');
    expect(result).toEqual({
      given: ['2026-01-05', '2026-01-12', '2026-01-26', '2027-01-06'],
      complete: true,
      next: null,
    });
  });

  it('resumes a late course rather than restarting it, keeping 7 days between doses', () => {
    // Second dose given late on day 18: the third is due on day 25, not day 21.
    const late = schedule(['2026-01-05', '2026-01-23'], '2026-01-24').next;
    expect(late).toMatchObject({ number: 3, dueDate: '2026-01-30' });
    // A course started two years ago with one dose: the second dose is long overdue, not a new first dose.
    expect(schedule(['2024-01-05'], '2026-01-05').next).toMatchObject({
      number: 2,
      dueDate: '2024-01-12',
      status: 'overdue',
    });
  });

  it('counts two entries on one day as one dose, in any order, and ignores doses after the date asked about', () => {
    expect(schedule(['2026-01-12', '2026-01-05', '2026-01-05'], '2026-01-13').given).toEqual([
      '2026-01-05',
      '2026-01-12',
    ]);
    expect(schedule(['2026-01-05', '2026-01-12'], '2026-01-10').next?.number).toBe(2);
  });
});

describe('hepatitis B vaccination need', () => {
  it('reports the next dose as due or overdue, with the doses so far', () => {
    const need = needFor('hbv_vaccination', { hbv: { vaccineDoses: ['2026-01-05'] } }, '2026-01-20');
    expect(need).toMatchObject({ status: 'overdue', dueDate: '2026-01-12', lastDone: '2026-01-05' });
    expect(need.reason).toBe('1 of 4 doses given; second dose (day 7) due 2026-01-12.');
  });

  it('starts the course at entry for someone never tested, without waiting for a result', () => {
    expect(needFor('hbv_vaccination', {}, ENTRY)).toMatchObject({ status: 'due', dueDate: ENTRY });
  });

  it('is met once the booster is given', () => {
    const doses = ['2026-01-05', '2026-01-12', '2026-01-26', '2027-01-05'];
    expect(needFor('hbv_vaccination', { hbv: { vaccineDoses: doses } }, '2027-02-01')).toMatchObject({
      status: 'met',
      dueDate: null,
      lastDone: '2027-01-05',
    });
  });

  it('does not apply to someone immune (anti-HBs 10 mIU/mL or more, or recorded) or infected', () => {
    const immune = {
      hbv: { tests: [{ on: '2026-01-05', hbsag: 'negative' as const, antiHbs: 'immune' as const }] },
    };
    expect(needFor('hbv_vaccination', immune, '2026-01-20').status).toBe('not_applicable');
    expect(
      needFor('hbv_vaccination', { hbv: { immunityRecordedOn: '2019-05-01' } }, '2026-01-20').status,
    ).toBe('not_applicable');
    const infected = { hbv: { tests: [{ on: '2026-01-05', hbsag: 'positive' as const }] } };
    expect(needFor('hbv_vaccination', infected, '2026-01-20')).toMatchObject({ status: 'not_applicable' });
  });

  it('still vaccinates someone with isolated anti-HBc (past infection without proven immunity)', () => {
    const isolated = {
      hbv: {
        tests: [
          {
            on: '2026-01-05',
            hbsag: 'negative' as const,
            antiHbc: 'positive' as const,
            antiHbs: 'not_immune' as const,
          },
        ],
      },
    };
    expect(needFor('hbv_vaccination', isolated, '2026-01-05').status).toBe('due');
  });
});
