import { describe, expect, it } from 'vitest';
import { ago, describeEvent, describeFact, doseWords, medicineAndDose, reasonPhrase } from './record.ts';

describe('doseWords', () => {
  it('gives a daily dose per day and an injection its interval, never "128 mg a day"', () => {
    expect(doseWords('methadone', 60)).toBe('60 mg a day');
    expect(doseWords('buprenorphine_prolonged_release', 128)).toBe('128 mg monthly injection');
    expect(doseWords('buprenorphine_prolonged_release', 16)).toBe('16 mg weekly injection');
    expect(doseWords('buprenorphine_prolonged_release', 50)).toBe('50 mg injection');
    expect(medicineAndDose('buprenorphine_prolonged_release', 96)).toBe(
      'Prolonged-release buprenorphine, 96 mg monthly injection',
    );
    expect(medicineAndDose('methadone', 7.5)).toBe('Methadone 7.5 mg a day');
  });
});

describe('describeEvent', () => {
  it('says "Did not attend" for a contact that did not happen', () => {
    expect(describeEvent({ type: 'contact', details: { mode: 'phone', attended: false } })).toEqual({
      title: 'Did not attend',
      details: 'Phone',
    });
    expect(describeEvent({ type: 'contact', details: { mode: 'home_visit', attended: true } }).title).toBe(
      'Contact: home visit',
    );
  });

  it('says "Contact not possible", with the way and why, for a re-engagement step that could not be tried', () => {
    expect(
      describeEvent({
        type: 'contact',
        details: { mode: 'nominated_contact', attended: false, notPossible: 'No nominated contact on file' },
      }),
    ).toEqual({
      title: 'Contact not possible',
      details: 'Through their nominated contact: No nominated contact on file',
    });
  });

  it('describes every kind in words', () => {
    expect(
      describeEvent({
        type: 'hospital_discharge',
        details: { admittedOn: '2026-03-01', selfDischarged: true },
      }),
    ).toEqual({ title: 'Left hospital against medical advice', details: 'Admitted 1 Mar 2026' });
    expect(
      describeEvent({
        type: 'ost_dose_change',
        details: { medicine: 'methadone', fromMg: 60, toMg: 50, reason: 'Asked to reduce' },
      }),
    ).toEqual({ title: 'Dose reduced', details: 'Methadone: 60 mg to 50 mg a day. Asked to reduce' });
    expect(
      describeEvent({
        type: 'naloxone_supply',
        details: {
          product: 'nyxoid',
          recipient: 'family_or_friend',
          supplyType: 'repeat',
          repeatReason: 'lost',
          trainingGiven: true,
          expiresOn: '2028-01-31',
        },
      }).details,
    ).toBe(
      'Nyxoid (nasal spray), to a family member or friend, another kit (lost), training given, expires 31 Jan 2028',
    );
    expect(
      describeEvent({ type: 'non_fatal_overdose', details: { source: 'peer', naloxoneGiven: true } }).details,
    ).toBe('Told us: a friend, family member or peer; naloxone given');
    expect(describeEvent({ type: 'case_review', details: { actionsAgreed: 1 } }).details).toBe(
      '1 action agreed',
    );
  });
});

describe('describeFact', () => {
  it('puts a fact in words', () => {
    expect(describeFact({ kind: 'injecting', details: { lastInjectedOn: null } })).toBe('Has never injected');
    expect(
      describeFact({
        kind: 'co_prescriptions',
        details: {
          medicines: [{ substance: 'pregabalin', source: 'prescribed', dailyDoseMg: 450 }],
          gpReviewedOn: '2026-02-01',
        },
      }),
    ).toBe('pregabalin (prescribed, 450 mg a day). Reviewed with the GP 1 Feb 2026');
    expect(
      describeFact({
        kind: 'safety_plan',
        details: { whoToCall: true, whereTheyUse: false, emergencyWishes: true },
      }),
    ).toBe('Covers who to call, what they want in an emergency');
  });
});

describe('reasons', () => {
  it('says how long ago in words a keyworker would use', () => {
    expect(ago('2026-03-16', '2026-03-16')).toBe('today');
    expect(ago('2026-03-15', '2026-03-16')).toBe('yesterday');
    expect(ago('2026-03-10', '2026-03-16')).toBe('6 days ago');
    expect(ago('2026-02-01', '2026-03-16')).toBe('6 weeks ago');
    expect(ago('2025-11-16', '2026-03-16')).toBe('4 months ago');
    expect(ago('2023-03-16', '2026-03-16')).toBe('3 years ago');
  });

  it('gives a reason beside a name: "released from prison 6 days ago", "not on OST"', () => {
    expect(reasonPhrase({ code: 'PRISON_RELEASE', eventOn: '2026-03-10' }, '2026-03-16')).toBe(
      'released from prison 6 days ago',
    );
    expect(reasonPhrase({ code: 'NOT_IN_OST', eventOn: null }, '2026-03-16')).toBe('not on OST');
  });
});
