import { describe, expect, it } from 'vitest';
import { id } from '../tasks/test-fixtures.ts';
import {
  CorrectCompetencyForm,
  competencyHistory,
  CompetencyRecord,
  competencyExpiresOn,
  competencyOn,
  competencyRegister,
  CompetencySettings,
  RecordCompetencyInput,
} from './competencies.ts';
import { competencyReminders } from './reminders.ts';

const sam = id(30);
const jo = id(31);
const record = (staffId: string, kind: CompetencyRecord['kind'], achievedOn: string, expiresOn: string) => ({
  staffId,
  kind,
  achievedOn,
  expiresOn,
});

describe('the competency register', () => {
  it.each([
    ['naloxone_training', '2028-03-10'],
    ['overdose_response', '2027-03-10'],
    ['risk_assessment', '2028-03-10'],
  ] as const)('%s achieved on 10 March 2026 expires on %s by default', (kind, expected) => {
    const input = RecordCompetencyInput.parse({
      staffId: sam,
      kind,
      achievedOn: '2026-03-10',
      expiresOn: null,
    });
    expect(competencyExpiresOn(input)).toBe(expected);
  });

  it('keeps an expiry that was given, and a service’s own validity', () => {
    const given = RecordCompetencyInput.parse({
      staffId: sam,
      kind: 'risk_assessment',
      achievedOn: '2026-03-10',
      expiresOn: '2026-09-10',
    });
    expect(competencyExpiresOn(given)).toBe('2026-09-10');
    const yearly = CompetencySettings.parse({ validityMonths: { risk_assessment: 12 } });
    expect(competencyExpiresOn({ ...given, expiresOn: null }, yearly)).toBe('2027-03-10');
  });

  it('refuses an expiry on or before the day it was achieved', () => {
    expect(
      RecordCompetencyInput.safeParse({
        staffId: sam,
        kind: 'risk_assessment',
        achievedOn: '2026-03-10',
        expiresOn: '2026-03-10',
      }).success,
    ).toBe(false);
    expect(
      CompetencyRecord.safeParse({
        id: id(1),
        recordedBy: jo,
        ...record(sam, 'risk_assessment', '2026-03-10', '2026-03-01'),
      }).success,
    ).toBe(false);
  });

  it.each([
    ['2026-04-18', 'in_date'],
    ['2026-04-19', 'expiring'],
    ['2026-05-31', 'expiring'],
    ['2026-06-01', 'expired'],
    ['2024-01-01', 'none'],
  ] as const)(
    'a competency expiring on 31 May 2026 is, on %s, %s (expiring from 42 days ahead)',
    (on, status) => {
      const records = [record(sam, 'overdose_response', '2025-05-31', '2026-05-31')];
      expect(competencyOn(records, 'overdose_response', on).status).toBe(status);
    },
  );

  it('uses the record lasting longest, and lists every kind for a member of staff', () => {
    const records = [
      record(sam, 'risk_assessment', '2024-01-01', '2026-01-01'),
      record(sam, 'risk_assessment', '2025-12-01', '2027-12-01'),
    ];
    expect(competencyOn(records, 'risk_assessment', '2026-03-01').record?.expiresOn).toBe('2027-12-01');
    expect(competencyRegister(records, '2026-03-01').map((c) => [c.kind, c.status])).toEqual([
      ['naloxone_training', 'none'],
      ['overdose_response', 'none'],
      ['risk_assessment', 'in_date'],
    ]);
  });
});

describe('reminders before a competency expires', () => {
  it('reminds each member of staff of what is expiring or expired, from 42 days ahead', () => {
    const records = [
      record(sam, 'overdose_response', '2025-05-31', '2026-05-31'),
      record(sam, 'naloxone_training', '2025-01-01', '2027-01-01'),
      record(jo, 'risk_assessment', '2024-01-01', '2026-01-01'),
    ];
    expect(competencyReminders(records, '2026-04-19')).toEqual([
      {
        staffId: sam,
        kind: 'overdose_response',
        status: 'expiring',
        expiresOn: '2026-05-31',
        remindFrom: '2026-04-19',
      },
      {
        staffId: jo,
        kind: 'risk_assessment',
        status: 'expired',
        expiresOn: '2026-01-01',
        remindFrom: '2025-11-20',
      },
    ]);
    expect(competencyReminders(records, '2026-04-18').map((r) => r.staffId)).toEqual([jo]);
  });
});

describe('correcting a mis-entered record', () => {
  const row = (n: number, achievedOn: string, replacesId: string | null, reason: string | null) => ({
    id: id(40 + n),
    staffId: sam,
    kind: 'risk_assessment' as const,
    achievedOn,
    expiresOn: '2028-01-01',
    replacesId,
    correctionReason: reason,
    recordedAt: `2026-03-0${n}T10:00:00.000Z`,
  });

  it('keeps every record, newest first, each linked to the correction that replaced it', () => {
    const first = row(1, '2026-02-01', null, null);
    const fix = row(2, '2026-01-21', first.id, 'The course date was typed as February');
    const renewal = row(3, '2026-03-03', null, null);
    const history = competencyHistory([first, renewal, fix]);
    expect(history.map((h) => [h.record.id, h.correctedBy?.id ?? null, h.corrects?.id ?? null])).toEqual([
      [renewal.id, null, null],
      [fix.id, null, first.id],
      [first.id, fix.id, null],
    ]);
    // Only the records not corrected still count in the register.
    const counting = history.filter((h) => h.correctedBy === null).map((h) => h.record);
    expect(competencyRegister(counting, '2026-03-10')[2]?.record?.id).toBe(renewal.id);
  });

  it('refuses a correction with no reason, or that expires before it was achieved, in words', () => {
    const result = CorrectCompetencyForm.safeParse({
      replacesId: id(41),
      achievedOn: '2026-03-01',
      expiresOn: '2026-02-01',
      reason: '  ',
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['reason', 'Say what was entered wrongly'],
      ['expiresOn', 'The expiry date must be after the date it was achieved'],
    ]);
  });
});
