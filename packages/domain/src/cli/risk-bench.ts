/**
 * `pnpm --filter @harbour/domain bench:risk [people]`: how many risk assessments one core makes per second.
 *
 * Builds a deterministic synthetic caseload (default 2,000 people) from stored-record vocabulary with
 * `riskFactsFromRecord`, then times `assessRisk` alone (facts already mapped, as a nightly re-score would run)
 * and mapping plus assessing. Plain Node, no test runner: vitest's module runner wraps every cross-module call
 * and would understate the figure. Prints the median of 7 rounds. Target (issue 3): at least 200,000 a second.
 */
import { addDays } from '../dates.ts';
import { assessRisk } from '../risk/assess.ts';
import type { RiskFacts } from '../risk/facts.ts';
import { type RiskCurrentState, riskFactsFromRecord, type RiskRecordEvent } from '../risk/from-record.ts';

const AS_OF = '2026-03-16';
const PEOPLE = Number(process.argv[2] ?? 2000);
const ROUNDS = 7;
const PER_ROUND = 200_000;

// A small deterministic generator (LCG), so every run scores the same caseload.
let seed = 42;
function next(n: number): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
}
const ago = (max: number): string => addDays(AS_OF, -next(max));

interface Person {
  person: { sex: 'male' | 'female'; dateOfBirth: string };
  events: RiskRecordEvent[];
  state: RiskCurrentState;
}

function somebody(): Person {
  const events: RiskRecordEvent[] = [];
  if (next(3) > 0) {
    events.push({
      type: 'ost_start',
      occurredOn: ago(3000),
      details: { medicine: next(2) > 0 ? 'methadone' : 'buprenorphine', doseMg: 20 },
    });
    if (next(2) > 0) events.push({ type: 'ost_exit', occurredOn: ago(60), details: { reason: 'unplanned' } });
  }
  if (next(6) === 0)
    events.push({ type: 'prison_release', occurredOn: ago(120), details: { establishment: null } });
  if (next(6) === 0)
    events.push({
      type: 'hospital_discharge',
      occurredOn: ago(100),
      details: { admittedOn: null, selfDischarged: next(3) === 0 },
    });
  if (next(4) === 0)
    events.push({
      type: 'non_fatal_overdose',
      occurredOn: ago(700),
      details: { source: 'ambulance', naloxoneGiven: true },
    });
  if (next(8) === 0)
    events.push({ type: 'suicidality', occurredOn: ago(60), details: { source: 'phq9_item9' } });
  events.push(
    {
      type: 'naloxone_supply',
      occurredOn: ago(900),
      details: {
        product: 'prenoxad',
        recipient: 'person',
        supplyType: 'first',
        repeatReason: null,
        trainingGiven: true,
        expiresOn: ago(-900),
      },
    },
    { type: 'contact', occurredOn: ago(40), details: { mode: 'face_to_face', attended: true } },
    { type: 'case_review', occurredOn: ago(200), details: { actionsAgreed: 2 } },
  );
  return {
    person: { sex: next(3) > 0 ? 'male' : 'female', dateOfBirth: addDays(AS_OF, -(7000 + next(15_000))) },
    events,
    state: {
      usesOpioids: next(3) > 0,
      treatmentStatus: 'in_treatment',
      substances:
        next(3) === 0
          ? [{ substance: 'pregabalin', source: 'prescribed', dailyDoseMg: 150 + next(300) }]
          : [],
      conditions: next(4) === 0 ? ['copd'] : [],
      housing: next(5) === 0 ? 'no_stable_accommodation' : 'settled',
      lastInjectedOn: next(3) === 0 ? ago(60) : null,
      alcohol: { auditScore: next(40) },
      usesAlone: next(4) === 0,
      lastBbvTestOn: ago(500),
      lastHealthCheckOn: ago(500),
    },
  };
}

const caseload = Array.from({ length: PEOPLE }, somebody);
const mapped: RiskFacts[] = caseload.map((p) => riskFactsFromRecord(p.person, p.events, p.state));

let checksum = 0; // every score is added here and printed, so no call can be optimised away

/** The median rate over `ROUNDS` rounds of at least `PER_ROUND` calls of `run` over `items`. */
function perSecond<T>(items: readonly T[], run: (item: T) => number): number {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    let done = 0;
    while (done < PER_ROUND) {
      for (const item of items) checksum += run(item);
      done += items.length;
    }
    rates.push(done / ((performance.now() - start) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
}

const assessOnly = perSecond(mapped, (facts) => assessRisk(facts, AS_OF).score);
const mapAndAssess = perSecond(
  caseload,
  (p) => assessRisk(riskFactsFromRecord(p.person, p.events, p.state), AS_OF).score,
);
const tiers = new Map<string, number>();
for (const facts of mapped) {
  const { tier } = assessRisk(facts, AS_OF);
  tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
}
const round = (n: number): string => Math.round(n).toLocaleString('en-GB');
process.stdout.write(
  [
    `Node ${process.version}, one core, ${PEOPLE} synthetic people (tiers: ${[...tiers].map(([t, n]) => `${t} ${n}`).join(', ')})`,
    `assessRisk (facts already mapped):   ${round(assessOnly)} assessments/s (median of ${ROUNDS} rounds of ${round(PER_ROUND)})`,
    `riskFactsFromRecord + assessRisk:    ${round(mapAndAssess)} assessments/s (score checksum ${checksum})`,
    '',
  ].join('\n'),
);
