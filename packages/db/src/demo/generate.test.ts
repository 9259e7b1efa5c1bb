import { ClinicalEvent } from '@harbour/domain/events';
import { describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_SEED } from './demo.ts';
import { generateOrganisation, referenceNumber } from './generate.ts';

const asOf = '2026-11-23';
const demo = () => generateOrganisation({ seed: DEMO_SEED, people: DEMO_PEOPLE, asOf });
const all = (org: ReturnType<typeof demo>) => [...org.batches(500)];

describe('demo organisation', () => {
  it('is deterministic: the same seed and date give identical data', () => {
    expect(JSON.stringify(all(demo()))).toBe(JSON.stringify(all(demo())));
    const org = demo();
    expect(JSON.stringify(all(org))).toBe(JSON.stringify(all(org)));
    const other = generateOrganisation({ seed: DEMO_SEED + 1, people: DEMO_PEOPLE, asOf });
    expect(JSON.stringify(all(other))).not.toBe(JSON.stringify(all(demo())));
  });

  it('has 2 services, 6 teams, about 30 staff with every role and persona, and 1,500 people', () => {
    const org = demo();
    expect(org.structure.services).toHaveLength(2);
    expect(org.structure.teams).toHaveLength(6);
    expect(org.structure.staff.length).toBeGreaterThanOrEqual(28);
    expect(org.structure.staff.length).toBeLessThanOrEqual(36);
    const roles = new Set(org.structure.staff.map((s) => s.role));
    expect(roles.size).toBe(8);
    const names = org.structure.staff.map((s) => s.displayName);
    for (const persona of [
      'Sam Carter',
      'Dr Chidi Okafor',
      'Priya Shah',
      'Jo Bennett',
      'Alex Morgan',
      'Tom Hughes',
    ]) {
      expect(names).toContain(persona);
    }
    const people = all(org).flatMap((b) => b.people);
    expect(people).toHaveLength(1500);
    expect(new Set(people.map((p) => p.reference)).size).toBe(1500);
    expect(people.map((p) => p.givenName)).toEqual(expect.arrayContaining(['Dean', 'Kayleigh']));
  });

  it('produces only events the domain accepts, dated within the two-year window', () => {
    const batches = all(demo());
    const events = batches.flatMap((b) => b.events);
    expect(events.length).toBeGreaterThan(20_000);
    for (const event of events) {
      const parsed = ClinicalEvent.safeParse({
        ...event,
        episodeId: event.episodeId ?? null,
        recordedBy: event.recordedBy ?? null,
        version: 1,
      });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(event.occurredOn <= asOf).toBe(true);
      if (event.type !== 'ost_start') expect(event.occurredOn >= '2024-11-23').toBe(true);
    }
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'prison_release',
      'hospital_discharge',
      'ost_start',
      'ost_dose_change',
      'ost_exit',
      'non_fatal_overdose',
      'naloxone_supply',
      'contact',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('keeps methadone titration within the induction limits (no single increase over 10 mg)', () => {
    const events = all(demo()).flatMap((b) => b.events);
    for (const event of events) {
      if (event.type === 'ost_dose_change' && event.details.medicine === 'methadone') {
        expect(event.details.toMg - event.details.fromMg).toBeLessThanOrEqual(10);
      }
    }
  });

  it('scales to large organisations with realistic team sizes', () => {
    const org = generateOrganisation({ seed: 1, people: 10_000, asOf });
    expect(org.structure.teams).toHaveLength(40);
    let people = 0;
    for (const batch of org.batches(2000)) people += batch.people.length;
    expect(people).toBe(10_000);
  });

  it('gives every person a different reference, at benchmark sizes and beyond', () => {
    // Random 30-bit draws would repeat about 19 times in 200,000; person references must never repeat.
    for (const seed of [1, 20_171_127]) {
      const seen = new Set<number>();
      let outOfRange = 0;
      for (let index = 0; index < 200_000; index++) {
        const n = referenceNumber(seed, index);
        if (!Number.isInteger(n) || n < 0 || n >= 2 ** 30) outOfRange++;
        seen.add(n);
      }
      expect(outOfRange).toBe(0);
      expect(seen.size).toBe(200_000);
    }
  });
});
