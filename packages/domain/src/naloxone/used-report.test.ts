import { describe, expect, it } from 'vitest';
import { eventDetails } from '../events.ts';
import { overdoseFromNaloxoneReport } from './used-report.ts';

describe('a "used" naloxone report becomes an overdose', () => {
  it.each([
    [{ supplyEventId: null, outcome: 'used' }, true],
    [{ supplyEventId: null, outcome: 'used', usedFor: 'this_person' }, true],
    [{ supplyEventId: null, outcome: 'used', usedFor: 'not_known' }, true],
    [{ supplyEventId: null, outcome: 'used', usedFor: 'someone_else' }, false],
    [{ supplyEventId: null, outcome: 'lost' }, false],
    [{ supplyEventId: null, outcome: 'expired' }, false],
  ] as const)('%o → an overdose: %s', (details, becomes) => {
    const overdose = overdoseFromNaloxoneReport(details);
    expect(overdose !== null).toBe(becomes);
    if (overdose !== null) {
      expect(overdose).toEqual({
        type: 'non_fatal_overdose',
        details: { source: 'naloxone_use_report', naloxoneGiven: true },
      });
      expect(eventDetails.non_fatal_overdose.safeParse(overdose.details).success).toBe(true);
    }
  });

  it('says who a kit was used for only when it was used, and accepts reports stored before', () => {
    expect(
      eventDetails.naloxone_report.safeParse({
        supplyEventId: null,
        outcome: 'lost',
        usedFor: 'someone_else',
      }).success,
    ).toBe(false);
    expect(eventDetails.naloxone_report.safeParse({ supplyEventId: null, outcome: 'used' }).success).toBe(
      true,
    );
  });
});
