import type { CalendarDate } from '../ids.ts';
import type { HealthNeedCode } from './catalogue.ts';
import type { HealthFactsInput } from './facts.ts';
import { healthNeeds, type HealthNeed } from './needs.ts';
import type { HealthSettingsInput } from './settings.ts';

/** Entry date used by the health tests unless a test sets its own. */
export const ENTRY: CalendarDate = '2026-01-05';

/** One need for a person on a date: a small wrapper the health tests share. */
export function needFor(
  code: HealthNeedCode,
  facts: Partial<HealthFactsInput>,
  asOf: CalendarDate,
  settings: HealthSettingsInput = {},
): HealthNeed {
  const found = healthNeeds({ entryDate: ENTRY, ...facts }, asOf, settings).find((n) => n.code === code);
  if (found === undefined) throw new Error(`no need ${code}`);
  return found;
}

/**
 * Persona facts from workflows.md, for tests and demo data. Dean, 52: on methadone 9 years (110 mg), COPD,
 * smokes and drinks. Kayleigh, 29: injects, released from prison last week, buprenorphine planned. Mo, 35: not
 * in treatment, uses the needle exchange.
 */
export const personas = {
  dean: {
    entryDate: '2017-03-01',
    dateOfBirth: '1974-02-11',
    smokes: true,
    respiratorySymptomsSince: '2025-11-20',
    methadone: { currentDoseMg: 110, plannedDoseMg: null },
    hcv: { antibodyTests: [{ on: '2017-03-01', result: 'negative' }] },
    hbv: { tests: [{ on: '2017-03-01', hbsag: 'negative', antiHbs: 'immune' }] },
    hiv: { tests: [{ on: '2017-03-01', result: 'negative' }] },
    done: {
      liverFunctionTests: ['2025-06-02'],
      respiratoryCheck: ['2025-11-20'],
      fluVaccine: ['2025-10-14'],
      ecg: ['2025-02-10'],
      phq9: ['2025-12-01'],
      gad7: ['2025-12-01'],
    },
  },
  kayleigh: {
    entryDate: '2026-01-26',
    dateOfBirth: '1996-08-30',
    injecting: { current: true, lastInjectedOn: '2026-01-25' },
    smokes: true,
    buprenorphine: 'planned',
    hcv: { exposures: ['2026-01-10'] },
  },
  mo: {
    entryDate: '2025-09-15',
    dateOfBirth: '1990-05-04',
    injecting: { current: true, lastInjectedOn: '2026-01-28' },
    hcv: { antibodyTests: [{ on: '2025-09-15', result: 'negative' }] },
    hiv: { tests: [{ on: '2025-09-15', result: 'negative' }] },
    hbv: { vaccineDoses: ['2025-09-15', '2025-09-22'] },
  },
} satisfies Record<string, HealthFactsInput>;
