import { describe, expect, it } from 'vitest';
import { FactPayload, factKindLabels, factKinds } from './facts.ts';
import { AmendEventInput, PersonSearch, SetFactInput } from './inputs.ts';

const id = '0190a6b2-0000-7000-8000-000000000001';

describe('current facts', () => {
  it('has a label for every kind', () => {
    for (const kind of factKinds) expect(factKindLabels[kind]).toMatch(/\w/);
  });

  it('refuses a choice made twice, an alcohol screen with nothing in it, and "not recorded" housing', () => {
    const twice = FactPayload.safeParse({
      kind: 'drug_use',
      details: { usesOpioids: true, substances: ['heroin', 'heroin'], routes: [], usesAlone: false },
    });
    expect(twice.error?.issues[0]?.message).toBe('Each choice can be made once');
    const empty = FactPayload.safeParse({
      kind: 'alcohol',
      details: { auditScore: null, auditCScore: null, clinicianRecordedHarmful: false },
    });
    expect(empty.success).toBe(false);
    expect(FactPayload.safeParse({ kind: 'housing', details: { status: 'not_recorded' } }).success).toBe(
      false,
    );
    const medicines = FactPayload.safeParse({
      kind: 'co_prescriptions',
      details: {
        medicines: [
          { substance: 'benzodiazepine', source: 'illicit', dailyDoseMg: null },
          { substance: 'benzodiazepine', source: 'illicit', dailyDoseMg: 10 },
        ],
        gpReviewedOn: null,
      },
    });
    expect(medicines.success).toBe(false);
  });
});

describe('record inputs', () => {
  it('needs a reason to change a fact that is already recorded, not to record the first', () => {
    const base = {
      personId: id,
      recordedOn: '2026-01-01',
      fact: { kind: 'housing', details: { status: 'settled' } },
    };
    expect(SetFactInput.safeParse({ ...base, expectedVersion: null, reason: null }).success).toBe(true);
    const noReason = SetFactInput.safeParse({ ...base, expectedVersion: 2, reason: null });
    expect(noReason.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(
      SetFactInput.safeParse({ ...base, expectedVersion: 2, reason: 'Moved into a hostel' }).success,
    ).toBe(true);
  });

  it('refuses an amendment with a reason that is too short or holds control characters', () => {
    const base = {
      personId: id,
      eventId: id,
      expectedVersion: 1,
      occurredOn: '2026-01-01',
      event: { type: 'prison_release', details: { establishment: null } },
    };
    expect(AmendEventInput.safeParse({ ...base, reason: 'typo' }).success).toBe(false);
    expect(AmendEventInput.safeParse({ ...base, reason: 'wrong\u0000date' }).success).toBe(false);
    expect(AmendEventInput.safeParse({ ...base, reason: 'Wrong date:\nit was the 2nd' }).success).toBe(true);
  });

  it('takes a search of two characters or more', () => {
    expect(PersonSearch.safeParse({ query: ' a ' }).success).toBe(false);
    expect(PersonSearch.parse({ query: ' Walsh ' }).query).toBe('Walsh');
  });
});
