import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { closuresForDay, closuresForEvent } from './closures.ts';
import { tasksForEvent } from './for-event.ts';
import type { OpenTask } from './task.ts';
import { byKind, contact, dean, event, overdose, release, stored, supply } from './test-fixtures.ts';

// Kayleigh is released on Wednesday 4 March 2026: contact by Friday, naloxone today, prescribing by 25 March.
const released = release('2026-03-04');
const open = stored(tasksForEvent(released, { today: '2026-03-04' }));
const taskId = (kind: string): string | undefined => byKind(open)[kind]?.id;

describe('closing a task by recording what it asks for', () => {
  it('closes the contact task when an attended contact is recorded, on the contact’s day, naming it', () => {
    const seen = contact('2026-03-05');
    expect(closuresForEvent(seen, open)).toEqual([
      {
        taskId: taskId('release_contact'),
        closure: { status: 'done', outcome: 'contacted', closedOn: '2026-03-05', byEventId: seen.id },
      },
    ]);
  });

  it('does not close it for a missed appointment', () => {
    expect(closuresForEvent(contact('2026-03-05', false), open)).toEqual([]);
  });

  it('does not count a contact before the release, and does count one on the day of it', () => {
    expect(closuresForEvent(contact('2026-03-03'), open)).toEqual([]);
    expect(closuresForEvent(contact('2026-03-04'), open).map((c) => c.taskId)).toEqual([
      taskId('release_contact'),
    ]);
  });

  it('closes naloxone on release when a kit is supplied', () => {
    const kit = supply('2026-03-04', '2028-03-01');
    expect(closuresForEvent(kit, open)).toEqual([
      {
        taskId: taskId('naloxone_supply'),
        closure: { status: 'done', outcome: 'naloxone_supplied', closedOn: '2026-03-04', byEventId: kit.id },
      },
    ]);
  });

  it('closes the prescribing appointment when OST starts or a dose is prescribed', () => {
    const start = event('ost_start', '2026-03-20', { medicine: 'buprenorphine', doseMg: 8 });
    expect(closuresForEvent(start, open)).toEqual([
      {
        taskId: taskId('release_prescribing'),
        closure: {
          status: 'done',
          outcome: 'prescribing_started',
          closedOn: '2026-03-20',
          byEventId: start.id,
        },
      },
    ]);
    const dose = event('ost_dose_change', '2026-03-20', {
      medicine: 'methadone',
      fromMg: 30,
      toMg: 40,
      reason: 'continued from prison',
    });
    expect(closuresForEvent(dose, open).map((c) => c.taskId)).toEqual([taskId('release_prescribing')]);
  });

  it('leaves other people’s tasks alone', () => {
    expect(closuresForEvent(contact('2026-03-05', true, dean), open)).toEqual([]);
  });

  it('never closes a task with the event that opened it', () => {
    const kit = supply('2026-03-01', '2026-03-20');
    const reminder: OpenTask = {
      ...(byKind(open).naloxone_supply as OpenTask),
      kind: 'naloxone_expiry',
      source: {
        eventId: kit.id,
        eventType: 'naloxone_supply',
        eventOn: '2026-03-01',
        ruleId: 'TSK-NALOXONE-EXPIRY',
      },
    };
    expect(closuresForEvent(kit, [reminder])).toEqual([]);
    expect(closuresForEvent(supply('2026-03-10', '2028-03-01'), [reminder])).toHaveLength(1);
  });

  it('closes a dose review when the prescriber changes the dose, and a repeat-overdose review at a case review', () => {
    const first = overdose('2026-02-01');
    const second = overdose('2026-03-01');
    const tasks = stored(tasksForEvent(second, { today: '2026-03-01', events: [first] }));
    const dose = event('ost_dose_change', '2026-03-02', {
      medicine: 'methadone',
      fromMg: 80,
      toMg: 70,
      reason: 'after overdose',
    });
    expect(closuresForEvent(dose, tasks).map((c) => c.closure)).toEqual([
      { status: 'done', outcome: 'dose_changed', closedOn: '2026-03-02', byEventId: dose.id },
    ]);
    const review = event('case_review', '2026-03-03', { actionsAgreed: 0 });
    expect(closuresForEvent(review, tasks)).toEqual([
      {
        taskId: byKind(tasks).repeat_overdose_review?.id,
        closure: { status: 'done', outcome: 'case_reviewed', closedOn: '2026-03-03', byEventId: review.id },
      },
    ]);
  });

  it('cancels a methadone induction review when the person leaves OST, not on a continued transfer', () => {
    const start = event('ost_start', '2026-03-02', { medicine: 'methadone', doseMg: 20 });
    const tasks = stored(tasksForEvent(start, { today: '2026-03-02' }));
    const transfer = event('ost_exit', '2026-03-05', { reason: 'transferred', continuity: true });
    expect(closuresForEvent(transfer, tasks)).toEqual([]);
    const exit = event('ost_exit', '2026-03-05', { reason: 'unplanned' });
    expect(closuresForEvent(exit, tasks)).toEqual([
      {
        taskId: byKind(tasks).induction_review?.id,
        closure: { status: 'cancelled', reason: 'ost_ended', closedOn: '2026-03-05', byEventId: exit.id },
      },
    ]);
  });

  it('refuses a malformed event and closes nothing', () => {
    const bad = { ...contact('2026-03-05'), details: { mode: 'telepathy', attended: true } };
    let code = '';
    try {
      closuresForEvent(bad as never, open);
    } catch (error) {
      if (isDomainError(error)) code = error.code;
    }
    expect(code).toBe('INVALID_INPUT');
  });
});

describe('closing a task when its risk window ends', () => {
  it('closes it as missed the day after the window’s last day, not before', () => {
    // The contact task serves the release override window, days 0–14: 4 to 18 March.
    expect(closuresForDay(open, '2026-03-18')).toEqual([]);
    const missed = closuresForDay(open, '2026-03-19');
    expect(missed).toEqual([
      {
        taskId: taskId('release_contact'),
        closure: { status: 'missed', reason: 'risk_window_ended', closedOn: '2026-03-19' },
      },
      {
        taskId: taskId('naloxone_supply'),
        closure: { status: 'missed', reason: 'risk_window_ended', closedOn: '2026-03-19' },
      },
    ]);
  });

  it('dates the closure by the window, whenever the job runs', () => {
    const late = closuresForDay(open, '2026-06-01');
    expect(late.map((c) => c.closure.closedOn)).toEqual(['2026-03-19', '2026-03-19', '2026-05-28']);
  });

  it('never closes a task that serves no window', () => {
    const actionTask: OpenTask = { ...(open[0] as OpenTask), windowEndsOn: null };
    expect(closuresForDay([actionTask], '2030-01-01')).toEqual([]);
  });
});
