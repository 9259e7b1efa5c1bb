import type { Issue } from '../errors.ts';
import type { RiskFacts } from './facts.ts';
import { isContinuousTransfer } from './transfer.ts';

/**
 * Checks on `RiskFacts` that a field-by-field schema cannot make: contradictions between fields, and dates that
 * cannot be true (before birth, or after the assessment date). ISO calendar dates compare correctly as strings.
 */

/** The earliest date of birth accepted: a living person was not born before 1900. */
const EARLIEST_BIRTH = '1900-01-01';

/**
 * Calls `visit` with every date in the facts that records something that has already happened (so must be on or
 * before the assessment date and on or after the date of birth), with its path. Not visited: dates that may lie
 * ahead (a naloxone kit's expiry, a drug alert's end) and the date of birth itself.
 */
export function forEachEventDate(
  facts: RiskFacts,
  visit: (date: string, key: string, index: number, field: string) => void,
): void {
  if (facts.currentOst !== null) visit(facts.currentOst.startedOn, 'currentOst', -1, 'startedOn');
  facts.prisonReleases.forEach((date, i) => visit(date, 'prisonReleases', i, ''));
  facts.hospitalDischarges.forEach((d, i) => {
    visit(d.dischargedOn, 'hospitalDischarges', i, 'dischargedOn');
    if (d.admittedOn !== null) visit(d.admittedOn, 'hospitalDischarges', i, 'admittedOn');
  });
  facts.ostExits.forEach((e, i) => visit(e.exitedOn, 'ostExits', i, 'exitedOn'));
  facts.detoxCompletions.forEach((d, i) => visit(d.completedOn, 'detoxCompletions', i, 'completedOn'));
  facts.nonFatalOverdoses.forEach((date, i) => visit(date, 'nonFatalOverdoses', i, ''));
  facts.suicidalityRecordedOn.forEach((date, i) => visit(date, 'suicidalityRecordedOn', i, ''));
  if (facts.lastInjectedOn !== null) visit(facts.lastInjectedOn, 'lastInjectedOn', -1, '');
  facts.naloxoneSupplies.forEach((s, i) => {
    visit(s.suppliedOn, 'naloxoneSupplies', i, 'suppliedOn');
    if (s.reportedOn !== null) visit(s.reportedOn, 'naloxoneSupplies', i, 'reportedOn');
  });
  if (facts.lastContactOn !== null) visit(facts.lastContactOn, 'lastContactOn', -1, '');
  if (facts.lastCaseReviewOn !== null) visit(facts.lastCaseReviewOn, 'lastCaseReviewOn', -1, '');
  if (facts.safetyPlan !== null) visit(facts.safetyPlan.recordedOn, 'safetyPlan', -1, 'recordedOn');
  if (facts.sedativeReviewedOn !== null) visit(facts.sedativeReviewedOn, 'sedativeReviewedOn', -1, '');
  if (facts.lastBbvTestOn !== null) visit(facts.lastBbvTestOn, 'lastBbvTestOn', -1, '');
  if (facts.lastHealthCheckOn !== null) visit(facts.lastHealthCheckOn, 'lastHealthCheckOn', -1, '');
  if (facts.drugAlert !== null) visit(facts.drugAlert.issuedOn, 'drugAlert', -1, 'issuedOn');
}

function pathOf(key: string, index: number, field: string): (string | number)[] {
  const path: (string | number)[] = [key];
  if (index >= 0) path.push(index);
  if (field !== '') path.push(field);
  return path;
}

/** The latest event date in the facts (the date of birth if there are none). Cheap: no allocation per date. */
export function latestEventDate(facts: RiskFacts): string {
  let latest = facts.dateOfBirth;
  forEachEventDate(facts, (date) => {
    if (date > latest) latest = date;
  });
  return latest;
}

/** One issue per fact dated after `asOf` (including the date of birth): facts must be true on the assessment date. */
export function issuesAfter(facts: RiskFacts, asOf: string): Issue[] {
  const issues: Issue[] = [];
  if (facts.dateOfBirth > asOf) {
    issues.push({ path: ['dateOfBirth'], message: `is after the assessment date ${asOf}` });
  }
  forEachEventDate(facts, (date, key, index, field) => {
    if (date > asOf)
      issues.push({ path: pathOf(key, index, field), message: `is after the assessment date ${asOf}` });
  });
  return issues;
}

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string, key: string, what: string): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  items.forEach((item, i) => {
    const k = keyOf(item);
    if (seen.has(k)) issues.push({ path: [key, i], message: `${what} is listed twice` });
    seen.add(k);
  });
  return issues;
}

/** Contradictions within the facts, independent of the assessment date. Empty when the facts are coherent. */
export function crossCheckRiskFacts(facts: RiskFacts): Issue[] {
  const issues: Issue[] = [];
  if (facts.dateOfBirth < EARLIEST_BIRTH) {
    issues.push({ path: ['dateOfBirth'], message: `is before ${EARLIEST_BIRTH}` });
  }
  forEachEventDate(facts, (date, key, index, field) => {
    if (date < facts.dateOfBirth)
      issues.push({ path: pathOf(key, index, field), message: 'is before the date of birth' });
  });
  facts.hospitalDischarges.forEach((d, i) => {
    if (d.admittedOn !== null && d.admittedOn > d.dischargedOn) {
      issues.push({
        path: ['hospitalDischarges', i, 'dischargedOn'],
        message: 'a discharge cannot be before its admission',
      });
    }
  });
  if (facts.currentOst === null && facts.consecutiveMissedDoses > 0) {
    issues.push({
      path: ['consecutiveMissedDoses'],
      message: 'missed OST doses are recorded but the person is not on OST',
    });
  }
  const ost = facts.currentOst;
  if (ost !== null) {
    facts.ostExits.forEach((e, i) => {
      // A transfer with continuity is not an exit: the person stays on the same OST.
      if (e.exitedOn > ost.startedOn && !isContinuousTransfer(e)) {
        issues.push({
          path: ['ostExits', i, 'exitedOn'],
          message:
            'an OST exit after the current OST started: the person is not on OST, or the exit date is wrong',
        });
      }
    });
  }
  facts.naloxoneSupplies.forEach((s, i) => {
    if ((s.reportedOn === null) !== (s.reportedOutcome === null)) {
      issues.push({
        path: ['naloxoneSupplies', i],
        message: 'a kit report needs both its date and its outcome',
      });
    }
    if (s.reportedOn !== null && s.reportedOn < s.suppliedOn) {
      issues.push({
        path: ['naloxoneSupplies', i, 'reportedOn'],
        message: 'a kit cannot be reported before it was supplied',
      });
    }
  });
  if (
    facts.drugAlert !== null &&
    facts.drugAlert.endsOn !== null &&
    facts.drugAlert.endsOn < facts.drugAlert.issuedOn
  ) {
    issues.push({ path: ['drugAlert', 'endsOn'], message: 'an alert cannot end before it was issued' });
  }
  issues.push(
    ...duplicates(
      facts.substances,
      (s) => `${s.substance}/${s.source}`,
      'substances',
      'the same substance and source',
    ),
    ...duplicates(facts.conditions, (c) => c, 'conditions', 'the condition'),
    ...duplicates(facts.flags, (f) => f, 'flags', 'the flag'),
  );
  return issues;
}
