/**
 * `pnpm --filter @harbour/db bench:risk [people]`: risk assessments per second on one core, over people made by
 * the demo generator (issue 3: 100,000 synthetic people, target ≥ 200,000 assessments a second).
 *
 * Generates the organisation in memory (no database), maps each person's stored record to `RiskFacts` with
 * `riskFactsFromRecord` (as a nightly re-score would), then times `assessRisk` alone and mapping plus assessing.
 * Plain Node, no test runner (vitest's module runner would understate the figure). Prints the median of 5 rounds.
 */
import { assessRisk } from '@harbour/domain/risk/assess';
import type { RiskFacts } from '@harbour/domain/risk/facts';
import {
  type RiskCurrentState,
  type RiskPerson,
  type RiskRecordEvent,
  riskFactsFromRecord,
} from '@harbour/domain/risk/from-record';
import { DEMO_SEED } from '../demo/demo.ts';
import { generateOrganisation } from '../demo/generate.ts';

/** A fixed day, so every run scores the same organisation. */
const AS_OF = '2026-11-23';
const PEOPLE = Number(process.argv[2] ?? 100_000);
const ROUNDS = 5;

if (!Number.isInteger(PEOPLE) || PEOPLE < 1) {
  process.stderr.write('usage: bench:risk [people] (a whole number, default 100000)\n');
  process.exit(2);
}

interface Record {
  person: RiskPerson;
  events: RiskRecordEvent[];
  state: RiskCurrentState;
}

const generated = performance.now();
const records: Record[] = [];
for (const batch of generateOrganisation({ seed: DEMO_SEED, people: PEOPLE, asOf: AS_OF }).batches(5000)) {
  const eventsByPerson = new Map<string, RiskRecordEvent[]>();
  for (const event of batch.events) {
    const list = eventsByPerson.get(event.personId) ?? [];
    list.push(event);
    eventsByPerson.set(event.personId, list);
  }
  const statusByPerson = new Map(batch.episodes.map((e) => [e.personId, e.status]));
  for (const person of batch.people) {
    const events = eventsByPerson.get(person.id) ?? [];
    const status = statusByPerson.get(person.id);
    records.push({
      person: { sex: person.sex, dateOfBirth: person.dateOfBirth },
      events,
      state: {
        // The demo organisation's people are all referred for opioids (workflows.md: an OST caseload).
        usesOpioids: true,
        treatmentStatus:
          status === 'active' ? 'in_treatment' : status === 'referred' ? 'referred' : 'not_in_treatment',
      },
    });
  }
}
const generatedMs = performance.now() - generated;
const mapped: RiskFacts[] = records.map((r) => riskFactsFromRecord(r.person, r.events, r.state));

let checksum = 0; // every score is added here and printed, so no call can be optimised away

/** The median rate over `ROUNDS` passes of `run` over every item. */
function perSecond<T>(items: readonly T[], run: (item: T) => number): number {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const item of items) checksum += run(item);
    rates.push(items.length / ((performance.now() - start) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
}

const assessOnly = perSecond(mapped, (facts) => assessRisk(facts, AS_OF).score);
const mapAndAssess = perSecond(
  records,
  (r) => assessRisk(riskFactsFromRecord(r.person, r.events, r.state), AS_OF).score,
);
const tiers = new Map<string, number>();
for (const facts of mapped) {
  const { tier } = assessRisk(facts, AS_OF);
  tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
}
const events = records.reduce((n, r) => n + r.events.length, 0);
const round = (n: number): string => Math.round(n).toLocaleString('en-GB');
process.stdout.write(
  [
    `Node ${process.version}, one core; demo generator (seed ${DEMO_SEED}), ${round(PEOPLE)} people, ${round(events)} events, generated in ${round(generatedMs)} ms, as of ${AS_OF}`,
    `tiers: ${[...tiers].map(([t, n]) => `${t} ${round(n)}`).join(', ')}`,
    `assessRisk (facts already mapped):   ${round(assessOnly)} assessments/s (median of ${ROUNDS} passes)`,
    `riskFactsFromRecord + assessRisk:    ${round(mapAndAssess)} assessments/s (score checksum ${checksum})`,
    '',
  ].join('\n'),
);
