import { describe, expect, it } from 'vitest';
import { event, id, supply } from '../tasks/test-fixtures.ts';
import { holdsInDateKit, kitStatus, kitsOn, naloxoneKits } from './kits.ts';

const report = (
  on: string,
  outcome: 'used' | 'lost' | 'expired' | 'confiscated',
  supplyEventId: string | null = null,
) => event('naloxone_report', on, { supplyEventId, outcome });

describe('a person’s naloxone kits', () => {
  it('links a report to the kit it names, in any order of events', () => {
    const first = supply('2025-01-10', '2027-01-10', { id: id(71) });
    const second = supply('2025-06-01', '2027-06-01', { id: id(72) });
    const kits = naloxoneKits([report('2025-07-01', 'lost', id(71)), second, first]);
    expect(kits.map((k) => [k.supplyEventId, k.report?.outcome ?? null])).toEqual([
      [id(71), 'lost'],
      [id(72), null],
    ]);
    expect(kits[0]).toMatchObject({
      product: 'nyxoid',
      recipient: 'person',
      supplyType: 'first',
      trainingGiven: true,
    });
  });

  it('applies a report that names no kit to the latest kit held on the day', () => {
    const kits = naloxoneKits([
      supply('2025-01-10', '2027-01-10'),
      supply('2025-06-01', '2027-06-01'),
      report('2025-05-01', 'confiscated'),
    ]);
    expect(kits.map((k) => k.report?.outcome ?? null)).toEqual(['confiscated', null]);
  });

  it('keeps the first report of a kit, and ignores a report that matches no kit', () => {
    const kit = supply('2025-01-10', '2027-01-10', { id: id(71) });
    const kits = naloxoneKits([
      kit,
      report('2025-02-01', 'used', id(71)),
      report('2025-03-01', 'lost', id(71)),
    ]);
    expect(kits[0]?.report).toMatchObject({ on: '2025-02-01', outcome: 'used' });
    expect(naloxoneKits([report('2025-02-01', 'lost')])).toEqual([]);
  });

  it.each([
    ['2026-03-04', 'held'],
    ['2026-03-06', 'expiring'],
    ['2026-04-03', 'expiring'],
    ['2026-04-04', 'expired'],
  ] as const)('a kit expiring on 3 April 2026 is %s → %s (expiring from 28 days ahead)', (on, status) => {
    const [kit] = naloxoneKits([supply('2025-04-03', '2026-04-03')]);
    if (kit === undefined) throw new Error('one kit');
    expect(kitStatus(kit, on)).toBe(status);
  });

  it('shows a report only from its day, and a kit only once supplied', () => {
    const events = [supply('2026-01-01', '2028-01-01'), report('2026-03-10', 'used')];
    expect(kitsOn(events, '2026-03-09').map((k) => k.status)).toEqual(['held']);
    expect(kitsOn(events, '2026-03-10').map((k) => k.status)).toEqual(['used']);
    expect(kitsOn(events, '2025-12-31')).toEqual([]);
  });

  it('holds an in-date kit when any kit is held or expiring, and not when all are used, lost or expired', () => {
    expect(holdsInDateKit([{ status: 'lost' }, { status: 'expiring' }])).toBe(true);
    expect(holdsInDateKit([{ status: 'lost' }, { status: 'expired' }, { status: 'used' }])).toBe(false);
    expect(holdsInDateKit([])).toBe(false);
  });
});
