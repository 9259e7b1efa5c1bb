import { describe, expect, it } from 'vitest';
import {
  cascadeStatus,
  mayDischargeForNonAttendance,
  reEngagementSteps,
  type ReEngagementAttempt,
} from './reengagement.ts';
import { KEYWORKER_ID, PRESCRIBER_ID } from './plan-testing.ts';

const TEAM_LEAD_ID = '01890000-0000-7000-8000-000000000009';
const startedOn = '2026-03-02';
const noReply = (step: ReEngagementAttempt['step'], on: string): ReEngagementAttempt => ({
  step,
  on,
  by: KEYWORKER_ID,
  result: 'no_reply',
});
const allTried: ReEngagementAttempt[] = [
  noReply('phone', '2026-03-02'),
  noReply('text', '2026-03-02'),
  noReply('pharmacy_liaison', '2026-03-03'),
  noReply('home_visit', '2026-03-05'),
  {
    step: 'nominated_contact',
    on: '2026-03-06',
    by: KEYWORKER_ID,
    result: 'not_possible',
    why: 'No nominated contact given.',
  },
];
const teamLead = { by: TEAM_LEAD_ID, role: 'team_lead', on: '2026-03-09' } as const;

describe('the re-engagement cascade', () => {
  it('lists its steps in order: phone, text, pharmacy liaison, home visit, nominated contact', () => {
    expect(reEngagementSteps).toEqual([
      'phone',
      'text',
      'pharmacy_liaison',
      'home_visit',
      'nominated_contact',
    ]);
  });

  it('says what is next until every step is tried or recorded as not possible', () => {
    expect(cascadeStatus({ startedOn, attempts: [] })).toMatchObject({
      done: false,
      next: 'phone',
      lastAttemptOn: null,
    });
    expect(cascadeStatus({ startedOn, attempts: allTried.slice(0, 2) })).toMatchObject({
      done: false,
      next: 'pharmacy_liaison',
      remaining: ['pharmacy_liaison', 'home_visit', 'nominated_contact'],
    });
    expect(cascadeStatus({ startedOn, attempts: allTried })).toMatchObject({
      done: true,
      next: null,
      lastAttemptOn: '2026-03-06',
    });
  });

  it('counts a step recorded as not possible, with why, as tried, and shows each step’s latest attempt', () => {
    const status = cascadeStatus({ startedOn, attempts: allTried });
    expect(status.done).toBe(true);
    expect(status.steps.find((s) => s.step === 'nominated_contact')?.latest).toMatchObject({
      result: 'not_possible',
      why: 'No nominated contact given.',
    });
    expect(status.steps.find((s) => s.step === 'phone')?.latest).toMatchObject({ result: 'no_reply' });
  });

  it('is not done when every step was "not possible": nothing was actually tried', () => {
    const none = reEngagementSteps.map((step): ReEngagementAttempt => ({
      step,
      on: '2026-03-03',
      by: KEYWORKER_ID,
      result: 'not_possible',
      why: 'Nothing on file.',
    }));
    const status = cascadeStatus({ startedOn, attempts: none });
    expect(status).toMatchObject({ done: false, nothingTried: true, remaining: [], next: null });
    const decision = mayDischargeForNonAttendance({ startedOn, attempts: none }, teamLead);
    expect(decision.allowed).toBe(false);
    expect(decision.finding.message).toContain('at least one must actually be tried');
    // One step actually tried is enough, with the others not possible.
    const oneTried = [...none.slice(1), noReply('phone', '2026-03-04')];
    expect(cascadeStatus({ startedOn, attempts: oneTried })).toMatchObject({
      done: true,
      nothingTried: false,
    });
  });

  it('refuses a step recorded as not possible without saying why', () => {
    expect(() =>
      cascadeStatus({
        startedOn,
        attempts: [{ step: 'phone', on: '2026-03-03', by: KEYWORKER_ID, result: 'not_possible', why: '' }],
      }),
    ).toThrow(/say why it was not possible/);
  });

  it('ignores attempts from before this cascade started', () => {
    const old = allTried.map((a) => ({ ...a, on: '2026-01-10' }));
    expect(cascadeStatus({ startedOn, attempts: old }).done).toBe(false);
  });

  it('is not "done" once the person is reached: it has done its job', () => {
    const reached: ReEngagementAttempt = {
      step: 'text',
      on: '2026-03-03',
      by: KEYWORKER_ID,
      result: 'reached',
    };
    expect(cascadeStatus({ startedOn, attempts: [...allTried, reached] })).toMatchObject({
      done: false,
      next: null,
    });
  });
});

describe('mayDischargeForNonAttendance', () => {
  it('allows it only with the cascade done and a team lead’s sign-off, returning the unplanned exit', () => {
    const decision = mayDischargeForNonAttendance({ startedOn, attempts: allTried }, teamLead);
    expect(decision).toMatchObject({
      allowed: true,
      event: { type: 'ost_exit', details: { reason: 'unplanned' } },
      finding: { ruleId: 'OST-EXIT-NON-ATTENDANCE', outcome: 'ok' },
    });
  });

  it('refuses before the cascade is done, naming what is still to try', () => {
    const decision = mayDischargeForNonAttendance({ startedOn, attempts: allTried.slice(0, 3) }, teamLead);
    expect(decision).toMatchObject({
      allowed: false,
      reasons: ['The re-engagement cascade is not finished: still to try home visit and nominated contact.'],
      finding: { outcome: 'refused', overridable: false },
    });
    const one = mayDischargeForNonAttendance({ startedOn, attempts: allTried.slice(0, 4) }, teamLead);
    expect(one.allowed === false && one.reasons).toEqual([
      'The re-engagement cascade is not finished: still to try nominated contact.',
    ]);
  });

  it('refuses without a team lead’s sign-off, or one made before the last attempt', () => {
    const cascade = { startedOn, attempts: allTried };
    expect(mayDischargeForNonAttendance(cascade, null)).toMatchObject({
      allowed: false,
      reasons: ['A team lead must sign off a discharge for non-attendance.'],
    });
    expect(
      mayDischargeForNonAttendance(cascade, { ...teamLead, by: PRESCRIBER_ID, role: 'prescriber' }),
    ).toMatchObject({
      reasons: ['A prescriber cannot sign this off: a team lead must.'],
    });
    expect(mayDischargeForNonAttendance(cascade, { ...teamLead, on: '2026-03-05' })).toMatchObject({
      reasons: ['The sign-off on 2026-03-05 comes before the last attempt on 2026-03-06: sign off again.'],
    });
  });

  it('refuses once the person was reached, and gives every reason at once', () => {
    const reached: ReEngagementAttempt = {
      step: 'home_visit',
      on: '2026-03-05',
      by: KEYWORKER_ID,
      result: 'reached',
    };
    const decision = mayDischargeForNonAttendance({ startedOn, attempts: [reached] }, null);
    expect(decision).toMatchObject({
      allowed: false,
      reasons: [
        'They were reached by home visit on 2026-03-05: agree a plan with them. If they choose to leave, record a planned exit.',
        'A team lead must sign off a discharge for non-attendance.',
      ],
    });
    expect(decision.finding.message).toMatch(/^Not discharged: They were reached/);
  });

  it('refuses a malformed attempt (zod)', () => {
    const bad = [{ step: 'carrier_pigeon', on: startedOn, by: KEYWORKER_ID, result: 'no_reply' }];
    expect(() => cascadeStatus({ startedOn, attempts: bad as unknown as ReEngagementAttempt[] })).toThrow();
  });
});
