import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../events.ts';
import { checkEventEntry, checkFactEntry, type EntryContext } from './checks.ts';

const ctx: EntryContext = {
  today: '2026-03-16',
  dateOfBirth: '1990-05-01',
  naloxoneSupplyIds: ['0190a6b2-0000-7000-8000-000000000001'],
};
const release: EventPayload = { type: 'prison_release', details: { establishment: null } };
const paths = (issues: { path: (string | number)[] }[]) => issues.map((i) => i.path.join('.'));

describe('checkEventEntry', () => {
  it('takes an event dated today or in the past', () => {
    expect(checkEventEntry(release, '2026-03-16', ctx)).toEqual([]);
    expect(checkEventEntry(release, '2001-01-01', ctx)).toEqual([]);
  });

  it('refuses a date in the future or before the date of birth', () => {
    expect(checkEventEntry(release, '2026-03-17', ctx)).toEqual([
      { path: ['occurredOn'], message: 'The date cannot be in the future' },
    ]);
    expect(checkEventEntry(release, '1990-04-30', ctx)[0]?.message).toBe(
      'The date cannot be before their date of birth',
    );
  });

  it('refuses an admission after the discharge', () => {
    const discharge: EventPayload = {
      type: 'hospital_discharge',
      details: { admittedOn: '2026-03-10', selfDischarged: false },
    };
    expect(checkEventEntry(discharge, '2026-03-12', ctx)).toEqual([]);
    expect(paths(checkEventEntry(discharge, '2026-03-09', ctx))).toEqual(['details.admittedOn']);
    const future: EventPayload = {
      type: 'hospital_discharge',
      details: { admittedOn: '2026-04-01', selfDischarged: false },
    };
    expect(paths(checkEventEntry(future, '2026-03-12', ctx))).toEqual([
      'details.admittedOn',
      'details.admittedOn',
    ]);
  });

  it('refuses a dose change to the same dose', () => {
    const change: EventPayload = {
      type: 'ost_dose_change',
      details: { medicine: 'methadone', fromMg: 60, toMg: 60, reason: 'Review' },
    };
    expect(paths(checkEventEntry(change, '2026-03-01', ctx))).toEqual(['details.toMg']);
  });

  it('checks a naloxone supply’s expiry and repeat reason', () => {
    const supply = (
      supplyType: 'first' | 'repeat',
      repeatReason: 'lost' | null,
      expiresOn: string,
    ): EventPayload => ({
      type: 'naloxone_supply',
      details: {
        product: 'nyxoid',
        recipient: 'person',
        supplyType,
        repeatReason,
        trainingGiven: true,
        expiresOn,
      },
    });
    expect(checkEventEntry(supply('first', null, '2028-01-01'), '2026-03-01', ctx)).toEqual([]);
    expect(checkEventEntry(supply('repeat', 'lost', '2028-01-01'), '2026-03-01', ctx)).toEqual([]);
    expect(paths(checkEventEntry(supply('first', null, '2026-03-01'), '2026-03-01', ctx))).toEqual([
      'details.expiresOn',
    ]);
    expect(paths(checkEventEntry(supply('repeat', null, '2028-01-01'), '2026-03-01', ctx))).toEqual([
      'details.repeatReason',
    ]);
    expect(paths(checkEventEntry(supply('first', 'lost', '2028-01-01'), '2026-03-01', ctx))).toEqual([
      'details.repeatReason',
    ]);
  });

  it('refuses a kit report naming a kit the person was not given', () => {
    const report = (supplyEventId: string | null): EventPayload => ({
      type: 'naloxone_report',
      details: { supplyEventId, outcome: 'lost' },
    });
    expect(checkEventEntry(report(null), '2026-03-01', ctx)).toEqual([]);
    expect(checkEventEntry(report('0190a6b2-0000-7000-8000-000000000001'), '2026-03-01', ctx)).toEqual([]);
    expect(paths(checkEventEntry(report('0190a6b2-0000-7000-8000-000000000009'), '2026-03-01', ctx))).toEqual(
      ['details.supplyEventId'],
    );
  });
});

describe('checkFactEntry', () => {
  it('refuses a future date, and a last injection after the day it is recorded', () => {
    const housing = { kind: 'housing', details: { status: 'settled' } } as const;
    expect(checkFactEntry(housing, '2026-03-16', ctx)).toEqual([]);
    expect(paths(checkFactEntry(housing, '2026-03-17', ctx))).toEqual(['recordedOn']);
    const injecting = (lastInjectedOn: string | null) => ({
      kind: 'injecting' as const,
      details: { lastInjectedOn },
    });
    expect(checkFactEntry(injecting(null), '2026-03-01', ctx)).toEqual([]);
    expect(checkFactEntry(injecting('2026-02-20'), '2026-03-01', ctx)).toEqual([]);
    expect(paths(checkFactEntry(injecting('2026-03-05'), '2026-03-01', ctx))).toEqual([
      'details.lastInjectedOn',
    ]);
  });

  it('refuses a GP review in the future', () => {
    const fact = {
      kind: 'co_prescriptions' as const,
      details: { medicines: [], gpReviewedOn: '2026-04-01' },
    };
    expect(paths(checkFactEntry(fact, '2026-03-01', ctx))).toEqual(['details.gpReviewedOn']);
  });
});
