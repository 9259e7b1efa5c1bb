import { describe, expect, it } from 'vitest';
import { deanPlan, TODAY } from './plan-testing.ts';
import { draftFromForm, planChangeFormValues, planFactsFromRecord } from './store.ts';
import type { Weekday } from './supervision.ts';

const stated = { qtProlonging: false, toleranceUncertain: false, buprenorphineFirstDose: null };

describe('the record behind a plan change', () => {
  it('has no co-medication and no sedatives without facts', () => {
    expect(planFactsFromRecord({ coPrescriptions: null, alcohol: null }, stated)).toEqual({
      coMedication: { sedatives: [], qtProlonging: false },
      usesSedativesOrAlcohol: false,
    });
  });

  it('counts prescribed sedatives as co-prescriptions (one per factor) and any sedative as sedative use', () => {
    const facts = planFactsFromRecord(
      {
        coPrescriptions: {
          medicines: [
            { substance: 'pregabalin', source: 'prescribed', dailyDoseMg: 300 },
            { substance: 'gabapentin', source: 'prescribed', dailyDoseMg: null },
            { substance: 'benzodiazepine', source: 'illicit', dailyDoseMg: null },
            { substance: 'antipsychotic', source: 'prescribed', dailyDoseMg: null },
          ],
          gpReviewedOn: null,
        },
        alcohol: null,
      },
      { ...stated, qtProlonging: true },
    );
    expect(facts.coMedication).toEqual({ sedatives: ['GABAPENTINOID'], qtProlonging: true });
    expect(facts.usesSedativesOrAlcohol).toBe(true);
  });

  it.each([
    [{ auditScore: 16, auditCScore: null, clinicianRecordedHarmful: false }, true],
    [{ auditScore: 15, auditCScore: 7, clinicianRecordedHarmful: false }, false],
    [{ auditScore: null, auditCScore: 8, clinicianRecordedHarmful: false }, true],
    [{ auditScore: null, auditCScore: null, clinicianRecordedHarmful: true }, true],
  ])('reads harmful drinking from the alcohol screen %o → %s', (alcohol, uses) => {
    expect(planFactsFromRecord({ coPrescriptions: null, alcohol }, stated).usesSedativesOrAlcohol).toBe(uses);
  });
});

describe('the change form', () => {
  const plan = deanPlan();
  const { personId: _p, episodeId: _e, version: _v, prescriberId: _by, ...current } = plan;
  const form = {
    expectedVersion: 1,
    doseMg: 90,
    phase: 'maintenance' as const,
    newCourse: false,
    effectiveFrom: TODAY,
    reviewOn: '2026-05-01',
    supervisionMode: 'daily_supervised' as const,
    supervisedDays: ['fri', 'mon'] as Weekday[],
    pickupDays: ['fri', 'mon'] as Weekday[],
    supervisionReviewOn: '2026-04-01',
    supervisionReasons: [...plan.supervision.reasons],
    pharmacyId: plan.pharmacyId ?? '',
    qtProlonging: false,
    toleranceUncertain: false,
    reason: 'Increase agreed at today’s review.',
  };

  it('shows the current version', () => {
    expect(planChangeFormValues({ ...current, version: 3 })).toMatchObject({
      expectedVersion: '3',
      doseMg: '80',
      supervisedDays: ['mon', 'wed', 'fri'],
    });
  });

  it('makes the next draft: a review today, the days in week order, the wording the domain recommends', () => {
    const draft = draftFromForm(current, form, '2026-03-17');
    expect(draft).toMatchObject({ doseMg: 90, lastReviewOn: '2026-03-17', reviewOn: '2026-05-01' });
    expect(draft.supervision).toMatchObject({ supervisedDays: ['mon', 'fri'], decidedOn: '2026-03-17' });
    expect(draft.instalments?.pickupDays).toEqual(['mon', 'fri']);
    expect(draft.instalments?.wording).toContain('daily_doses_in_separate_containers');
    expect(draft.courseStartedOn).toBe(plan.courseStartedOn);
  });

  it('takes the supervision reasons from the form, in their listed order, dating the decision when they change', () => {
    const kept = draftFromForm(current, { ...form, supervisedDays: ['mon', 'wed', 'fri'] }, TODAY);
    expect(kept.supervision.decidedOn).toBe(current.supervision.decidedOn);
    const changed = draftFromForm(
      current,
      {
        ...form,
        supervisedDays: ['mon', 'wed', 'fri'],
        supervisionReasons: ['intoxication', 'missed_pickups'],
      },
      '2026-03-17',
    );
    expect(changed.supervision).toMatchObject({
      reasons: ['missed_pickups', 'intoxication'],
      decidedOn: '2026-03-17',
    });
  });

  it('carries the notes for the pharmacy, and clears them when left empty', () => {
    const noted = draftFromForm(current, { ...form, pharmacyNotes: ' Hard of hearing: speak up. ' }, TODAY);
    expect(noted.pharmacyNotes).toBe('Hard of hearing: speak up.');
    expect(planChangeFormValues({ ...noted, version: 4 })).toMatchObject({
      pharmacyNotes: 'Hard of hearing: speak up.',
    });
    expect(draftFromForm(noted, { ...form, pharmacyNotes: '' }, TODAY).pharmacyNotes).toBeNull();
    expect(draftFromForm(noted, form, TODAY).pharmacyNotes).toBeNull();
  });

  it('restarts as a new induction from the day it takes effect', () => {
    const draft = draftFromForm(current, { ...form, newCourse: true }, '2026-03-17');
    expect(draft).toMatchObject({ phase: 'induction', courseStartedOn: TODAY });
  });
});
