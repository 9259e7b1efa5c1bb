import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessRisk } from './assess.ts';
import { explainAssessment } from './explain.ts';
import type { RiskFacts } from './facts.ts';
import { AS_OF, blankFacts, daysAgo } from './test-fixtures.ts';

const example = (name: string): RiskFacts =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../../docs/risk-model-examples/${name}.json`, import.meta.url)),
      'utf8',
    ),
  ) as RiskFacts;
const explain = (facts: RiskFacts) => explainAssessment(assessRisk(facts, AS_OF));

describe('explainAssessment', () => {
  it('explains Lee: the score, why the tier is higher than the score, each factor with window and evidence', () => {
    const text = explain(example('lee'));
    expect(text).toContain('Drug-related death risk (model 2026.2) as of 16 March 2026');
    expect(text).toContain('Score 38 (high on the score alone): tier VERY HIGH because of 2 overrides.');
    expect(text).toContain(
      '  - Left OST on 24 February 2026 (unplanned): never below high until 24 March 2026 (days 0–28)',
    );
    expect(text).toContain(
      '   21  Left OST, planned or unplanned (including a reduction reaching zero; not a transfer with continuity)',
    );
    expect(text).toContain('Window: days 15–28 (11 March 2026 to 24 March 2026).');
    expect(text).toContain('Evidence (weight from a measured effect): Cornish 2010');
    expect(text).toContain(
      '[NOT DONE] Naloxone held and in date: Last kit (supplied on 1 August 2025) reported used on 4 March 2026: resupply.',
    );
    expect(text).toContain('Next change: 20 March 2026');
  });

  it('says one override in the singular, shows capped domains, flags and expert-judgement weights', () => {
    const gary = explain(example('gary'));
    expect(gary).toContain('Score 57: tier VERY HIGH.');
    expect(gary).toContain('Substances: 32 points, capped at 25.');
    const chloe = explain(example('chloe'));
    expect(chloe).toContain('tier HIGH because of 1 override.');
    expect(chloe).toContain(
      'Flags (shown, never scored): Recent bereavement or relationship breakdown; Children in the home.',
    );
    expect(explain(example('rachel'))).toContain('Evidence (weight by expert judgement)');
  });

  it('never presents the score as a probability', () => {
    const text = explain(example('gary'));
    expect(text.match(/probabilit/gi)).toEqual(['probabilit']);
    expect(text).toContain('It is not a probability of death.');
  });

  it('shows window dates for open-ended and while-current factors, missing facts, and no next change', () => {
    const text = explain(
      blankFacts({
        sex: 'male',
        dateOfBirth: '1970-01-01',
        nonFatalOverdoses: ['2024-01-01'],
        housing: 'not_recorded',
        alcohol: { auditScore: null, auditCScore: null, clinicianRecordedHarmful: false },
      }),
    );
    expect(text).toContain('Window: day 366 onwards (1 January 2025 to no end).');
    expect(text).toContain('Window: always.');
    expect(text).toContain('Window: always (since 1 January 2010).');
    expect(text).toContain('Missing facts (the score may be too low):');
    expect(text).toContain('Next change: none without new facts.');
    expect(explain(blankFacts({ lastInjectedOn: daysAgo(2) }))).toContain(
      'Window: while current (14 March 2026 to 11 April 2026).',
    );
  });

  it('says so when no factor applies', () => {
    const text = explain(example('aisha'));
    expect(text).toContain('Score 0: tier LOW.');
    expect(text).toContain('No risk factors apply today.');
    expect(text).toContain('[n/a]      Case review');
    expect(text).toContain('[done]     On OST at an adequate dose: Methadone 60 mg/day');
  });
});
