import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventPayload } from '../events.ts';
import { assessRisk } from './assess.ts';
import { riskFactsFromRecord, type RiskRecordEvent } from './from-record.ts';
import { parseRiskFacts } from './parse.ts';
import { AS_OF } from './test-fixtures.ts';

const person = { sex: 'female' as const, dateOfBirth: '1996-09-02' };
const state = { usesOpioids: true, treatmentStatus: 'in_treatment' as const };
const kitSupply = (occurredOn: string, expiresOn: string, id?: string): RiskRecordEvent => ({
  type: 'naloxone_supply',
  occurredOn,
  ...(id === undefined ? {} : { id }),
  details: {
    product: 'prenoxad',
    recipient: 'person',
    supplyType: 'first',
    repeatReason: null,
    trainingGiven: true,
    expiresOn,
  },
});

describe('riskFactsFromRecord', () => {
  it('maps Kayleigh’s record to the facts of her example file', () => {
    const events: RiskRecordEvent[] = [
      { type: 'contact', occurredOn: '2026-03-11', details: { mode: 'face_to_face', attended: true } },
      { type: 'prison_release', occurredOn: '2026-03-09', details: { establishment: 'HMP Styal' } },
      kitSupply('2026-03-09', '2028-02-29'),
      { type: 'contact', occurredOn: '2026-03-13', details: { mode: 'phone', attended: false } },
    ];
    const facts = riskFactsFromRecord(person, events, {
      usesOpioids: true,
      treatmentStatus: 'referred',
      housing: 'settled',
      lastInjectedOn: '2026-03-14',
      alcohol: { auditCScore: 3 },
    });
    const example: unknown = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../../../../docs/risk-model-examples/kayleigh.json', import.meta.url)),
        'utf8',
      ),
    );
    expect(facts).toEqual(example);
  });

  it('defaults what is not recorded to nothing, and shows the gaps that matter', () => {
    const facts = riskFactsFromRecord(person, [], state);
    expect(parseRiskFacts(facts, AS_OF).success).toBe(true);
    expect(facts).toMatchObject({
      housing: 'not_recorded',
      substances: [],
      flags: [],
      usesAlone: false,
      currentOst: null,
    });
    expect(assessRisk(facts, AS_OF).dataGaps.map((g) => g.code)).toEqual([
      'ALCOHOL_NOT_SCREENED',
      'HOUSING_NOT_RECORDED',
    ]);
  });

  it('follows OST through starts, dose changes, a switch of medicine and an exit', () => {
    const start: RiskRecordEvent = {
      type: 'ost_start',
      occurredOn: '2025-01-06',
      details: { medicine: 'buprenorphine', doseMg: 8 },
    };
    const up: RiskRecordEvent = {
      type: 'ost_dose_change',
      occurredOn: '2025-02-03',
      details: { medicine: 'buprenorphine', fromMg: 8, toMg: 16, reason: 'titration' },
    };
    const toMethadone: RiskRecordEvent = {
      type: 'ost_dose_change',
      occurredOn: '2026-03-10',
      details: { medicine: 'methadone', fromMg: 16, toMg: 30, reason: 'switch' },
    };
    const exit: RiskRecordEvent = {
      type: 'ost_exit',
      occurredOn: '2026-03-12',
      details: { reason: 'unplanned' },
    };

    expect(riskFactsFromRecord(person, [up, start], state).currentOst).toEqual({
      medicine: 'buprenorphine',
      doseMg: 16,
      startedOn: '2025-01-06',
    });
    const switched = riskFactsFromRecord(person, [start, up, toMethadone], {
      ...state,
      consecutiveMissedDoses: 3,
    });
    expect(switched.currentOst).toEqual({ medicine: 'methadone', doseMg: 30, startedOn: '2026-03-10' });
    expect(switched.consecutiveMissedDoses).toBe(3);
    expect(assessRisk(switched, AS_OF).factors.map((f) => f.code)).toContain('METHADONE_INDUCTION');

    const exited = riskFactsFromRecord(person, [start, up, exit], { ...state, consecutiveMissedDoses: 5 });
    expect(exited.currentOst).toBeNull();
    expect(exited.ostExits).toEqual([{ exitedOn: '2026-03-12', reason: 'unplanned' }]);
    expect(exited.consecutiveMissedDoses).toBe(0);
    expect(parseRiskFacts(exited, AS_OF).success).toBe(true);
  });

  it('treats a dose change with no start on record as a start that day', () => {
    const change: RiskRecordEvent = {
      type: 'ost_dose_change',
      occurredOn: '2026-03-02',
      details: { medicine: 'methadone', fromMg: 50, toMg: 60, reason: 'review' },
    };
    expect(riskFactsFromRecord(person, [change], state).currentOst).toEqual({
      medicine: 'methadone',
      doseMg: 60,
      startedOn: '2026-03-02',
    });
  });

  it('keeps the person on OST through a transfer with continuity, and ends it when continuity is amended away', () => {
    const start: RiskRecordEvent = {
      type: 'ost_start',
      occurredOn: '2022-06-01',
      details: { medicine: 'methadone', doseMg: 70 },
    };
    const transfer = (continuity?: boolean): RiskRecordEvent => ({
      type: 'ost_exit',
      occurredOn: '2026-03-08',
      details: continuity === undefined ? { reason: 'transferred' } : { reason: 'transferred', continuity },
    });
    const kept = riskFactsFromRecord(person, [start, transfer(true)], state);
    expect(kept.currentOst).toEqual({ medicine: 'methadone', doseMg: 70, startedOn: '2022-06-01' });
    expect(kept.ostExits).toEqual([{ exitedOn: '2026-03-08', reason: 'transferred', continuity: true }]);
    expect(assessRisk(kept, AS_OF).score).toBe(0);
    // A row stored before model 2026.2 has no continuity: still an exit, as it was scored then.
    for (const ended of [transfer(false), transfer()]) {
      const facts = riskFactsFromRecord(person, [start, ended], state);
      expect(facts.currentOst).toBeNull();
      expect(assessRisk(facts, AS_OF).factors.map((f) => f.code)).toEqual(['OST_EXIT']);
    }
  });

  it('refuses continuity on an exit event that is not a transfer, and accepts rows stored without it', () => {
    const exit = (details: object) => EventPayload.safeParse({ type: 'ost_exit', details }).success;
    expect(exit({ reason: 'transferred', continuity: true })).toBe(true);
    expect(exit({ reason: 'transferred' })).toBe(true);
    expect(exit({ reason: 'unplanned', continuity: true })).toBe(false);
    expect(exit({ reason: 'planned', continuity: false })).toBe(true);
  });

  it('keeps a restart after an exit on the same day in record order', () => {
    const events: RiskRecordEvent[] = [
      { type: 'ost_exit', occurredOn: '2026-03-01', details: { reason: 'transferred' } },
      { type: 'ost_start', occurredOn: '2026-03-01', details: { medicine: 'methadone', doseMg: 40 } },
    ];
    const facts = riskFactsFromRecord(person, events, state);
    expect(facts.currentOst?.startedOn).toBe('2026-03-01');
    expect(parseRiskFacts(facts, AS_OF).success).toBe(true);
  });

  it('maps discharges, detox, overdoses, suicidality, contacts and case reviews', () => {
    const events: RiskRecordEvent[] = [
      {
        type: 'hospital_discharge',
        occurredOn: '2026-03-01',
        details: { admittedOn: '2026-02-27', selfDischarged: true },
      },
      { type: 'detox_completion', occurredOn: '2026-02-01', details: { setting: 'residential' } },
      {
        type: 'non_fatal_overdose',
        occurredOn: '2026-02-20',
        details: { source: 'ambulance', naloxoneGiven: true },
      },
      { type: 'suicidality', occurredOn: '2026-03-03', details: { source: 'phq9_item9' } },
      { type: 'contact', occurredOn: '2026-03-04', details: { mode: 'home_visit', attended: true } },
      { type: 'contact', occurredOn: '2026-03-02', details: { mode: 'phone', attended: true } },
      { type: 'case_review', occurredOn: '2026-01-10', details: { actionsAgreed: 3 } },
      { type: 'case_review', occurredOn: '2026-03-05', details: { actionsAgreed: 2 } },
    ];
    const facts = riskFactsFromRecord(person, events, state);
    expect(facts).toMatchObject({
      hospitalDischarges: [{ dischargedOn: '2026-03-01', admittedOn: '2026-02-27', selfDischarged: true }],
      detoxCompletions: [{ completedOn: '2026-02-01', setting: 'residential' }],
      nonFatalOverdoses: ['2026-02-20'],
      suicidalityRecordedOn: ['2026-03-03'],
      lastContactOn: '2026-03-04',
      lastCaseReviewOn: '2026-03-05',
    });
    expect(parseRiskFacts(facts, AS_OF).success).toBe(true);
  });

  it('closes the kit a report names, or else the latest kit still held, and ignores a report matching no kit', () => {
    const report = (
      occurredOn: string,
      supplyEventId: string | null,
      outcome: 'used' | 'lost',
    ): RiskRecordEvent => ({ type: 'naloxone_report', occurredOn, details: { supplyEventId, outcome } });
    const first = '0190a6b2-0000-7000-8000-000000000001';
    const events = [
      report('2024-01-01', null, 'lost'),
      kitSupply('2025-01-01', '2027-12-31', first),
      kitSupply('2025-06-01', '2028-05-31'),
      report('2026-01-10', first, 'used'),
      report('2026-02-10', null, 'lost'),
      report('2026-02-11', first, 'lost'),
    ];
    const facts = riskFactsFromRecord(person, events, state);
    expect(facts.naloxoneSupplies).toEqual([
      {
        suppliedOn: '2025-01-01',
        expiresOn: '2027-12-31',
        reportedOn: '2026-01-10',
        reportedOutcome: 'used',
      },
      {
        suppliedOn: '2025-06-01',
        expiresOn: '2028-05-31',
        reportedOn: '2026-02-10',
        reportedOutcome: 'lost',
      },
    ]);
    expect(parseRiskFacts(facts, AS_OF).success).toBe(true);
  });

  it('passes the current state through', () => {
    const facts = riskFactsFromRecord(person, [], {
      ...state,
      substances: [{ substance: 'pregabalin', source: 'prescribed', dailyDoseMg: 600 }],
      conditions: ['cirrhosis'],
      alcohol: { auditScore: 18, clinicianRecordedHarmful: true },
      usesAlone: true,
      drugAlert: { issuedOn: '2026-03-01', endsOn: null, summary: 'Nitazenes' },
      safetyPlan: { recordedOn: '2026-01-01', whoToCall: true, whereTheyUse: true, emergencyWishes: true },
      sedativeReviewedOn: '2026-01-01',
      lastBbvTestOn: '2025-12-01',
      lastHealthCheckOn: '2025-12-02',
      flags: ['pregnancy'],
    });
    expect(facts).toMatchObject({
      alcohol: { auditScore: 18, auditCScore: null, clinicianRecordedHarmful: true },
      usesAlone: true,
      lastHealthCheckOn: '2025-12-02',
      flags: ['pregnancy'],
    });
    expect(parseRiskFacts(facts, AS_OF).success).toBe(true);
  });
});
