import { describe, expect, it } from 'vitest';
import { event, kayleigh, supply } from '../tasks/test-fixtures.ts';
import { naloxoneExpiryReminders } from './reminders.ts';

// A kit expiring on Sunday 5 April 2026 (Easter Day): in date up to and including that day.
const kit = supply('2024-04-05', '2026-04-05');
const remind = (today: string, events = [kit], openTasks: { kind: 'naloxone_supply' }[] = []) =>
  naloxoneExpiryReminders({ personId: kayleigh, events, today, openTasks });

describe('naloxone expiry reminders', () => {
  it('opens 28 days ahead and not 29', () => {
    expect(remind('2026-03-07')).toEqual([]);
    expect(remind('2026-03-08')).toHaveLength(1);
  });

  it('falls due by the expiry, brought forward to the last working day before it (over Easter)', () => {
    const [reminder] = remind('2026-03-08');
    expect(reminder).toMatchObject({
      kind: 'naloxone_expiry',
      dueOn: '2026-04-02',
      assignee: { kind: 'keyworker' },
      priority: 'routine',
      windowEndsOn: null,
      why: 'Naloxone kit expires on 5 April 2026: resupply before then',
      source: {
        eventId: kit.id,
        eventType: 'naloxone_supply',
        eventOn: '2024-04-05',
        ruleId: 'TSK-NALOXONE-EXPIRY',
      },
    });
  });

  it('opens none while another kit is in date for longer, or a naloxone task is already open', () => {
    expect(remind('2026-03-08', [kit, supply('2025-10-01', '2027-10-01')])).toEqual([]);
    expect(remind('2026-03-08', [kit], [{ kind: 'naloxone_supply' }])).toEqual([]);
  });

  it('opens none for a kit already reported, or already expired (the checklist shows it unmet)', () => {
    const lost = event('naloxone_report', '2026-03-01', { supplyEventId: kit.id, outcome: 'lost' });
    expect(remind('2026-03-08', [kit, lost])).toEqual([]);
    expect(remind('2026-04-06')).toEqual([]);
  });
});
