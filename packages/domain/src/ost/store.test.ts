import { describe, expect, it } from 'vitest';
import { planFactsFromRecord } from './store.ts';

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
