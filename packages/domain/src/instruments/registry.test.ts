import { describe, expect, it } from 'vitest';
import { definitionProblems } from './check-definition.ts';
import { InstrumentDefinition, instrumentIds } from './definition.ts';
import { instruments, selfReportInstruments } from './registry.ts';
import { totalRange } from './score.ts';

/** Item counts and total ranges of the published instruments (health-and-instruments.md "Instruments"). */
const published = {
  sds: { items: 5, min: 0, max: 15 },
  audit_c: { items: 3, min: 0, max: 12 },
  audit: { items: 10, min: 0, max: 40 },
  phq9: { items: 9, min: 0, max: 27 },
  gad7: { items: 7, min: 0, max: 21 },
} as const;

describe('the instrument registry', () => {
  it('holds every instrument id, each under its own id', () => {
    expect(Object.keys(instruments).sort()).toEqual([...instrumentIds].sort());
    for (const id of instrumentIds) expect(instruments[id].id).toBe(id);
  });

  it('has only definitions that parse and pass every structural check', () => {
    for (const definition of Object.values(instruments)) {
      expect(InstrumentDefinition.safeParse(definition).success, definition.id).toBe(true);
      expect(definitionProblems(definition), definition.id).toEqual([]);
    }
  });

  it('matches the published item counts and total ranges', () => {
    for (const [id, expected] of Object.entries(published)) {
      const definition = instruments[id as keyof typeof published];
      expect(definition.items, id).toHaveLength(expected.items);
      expect(totalRange(definition), id).toEqual({ min: expected.min, max: expected.max });
    }
  });

  it('gives every instrument a source, licence and attribution', () => {
    for (const definition of Object.values(instruments)) {
      expect(definition.source.length, definition.id).toBeGreaterThan(20);
      expect(definition.licence, definition.id).toMatch(/\w/);
      expect(definition.attribution, definition.id).toMatch(/\w/);
    }
  });

  it('keeps the TOP keyworker-administered and everything else available for self-report', () => {
    expect(instruments.top.administeredBy).toEqual(['staff']);
    expect(
      selfReportInstruments()
        .map((d) => d.id)
        .sort(),
    ).toEqual(['audit', 'audit_c', 'gad7', 'overdose_self_check', 'phq9', 'sds'].sort());
  });

  it('marks the overdose-risk self-check as not validated, with no total', () => {
    const { overdose_self_check: selfCheck } = instruments;
    expect(selfCheck.validated).toBe(false);
    expect(selfCheck.scoring.kind).toBe('none');
    expect(selfCheck.scoring.kind === 'none' && selfCheck.scoring.explanation).toMatch(
      /not a validated score/,
    );
  });

  it('gives every urgent alert a staff message and a message for the person', () => {
    for (const definition of Object.values(instruments)) {
      for (const alert of definition.alerts.filter((a) => a.level === 'urgent')) {
        expect(alert.forStaff, alert.id).toMatch(/today/);
        expect(alert.forPerson, alert.id).toMatch(/999/);
      }
    }
  });
});
