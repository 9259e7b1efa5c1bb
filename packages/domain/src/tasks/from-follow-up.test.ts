import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import type { FollowUp } from '../follow-ups.ts';
import { taskFromFollowUp, tasksFromFollowUps } from './from-follow-up.ts';
import { TaskToOpen } from './task.ts';
import { dean, id } from './test-fixtures.ts';

const followUp = (
  kind: Extract<FollowUp, { type: 'task' }>['kind'],
  dueOn: string,
  reason = 'Plain words',
): FollowUp => ({
  type: 'task',
  kind,
  assignee: kind === 'missed_dose_review' || kind === 'supervision_review' ? 'prescriber' : 'keyworker',
  dueOn,
  reason,
  source: 'OST-DISP-BLOCKED',
});

describe('follow-ups from the other rule sets become tasks', () => {
  it.each([
    ['re_engagement', 'reengagement', 'urgent'],
    ['missed_dose_review', 'missed_dose_review', 'urgent'],
    ['supervision_review', 'supervision_review', 'routine'],
    ['urgent_contact', 'self_assessment_contact', 'urgent'],
    ['outreach_missed_booking', 'missed_booking_outreach', 'routine'],
  ] as const)('a %s follow-up opens a %s task (%s)', (kind, taskKind, priority) => {
    const task = taskFromFollowUp(followUp(kind, '2026-03-04'), { personId: dean });
    expect(task).toMatchObject({
      personId: dean,
      kind: taskKind,
      priority,
      dueOn: '2026-03-04',
      why: 'Plain words',
    });
    expect(task.source).toMatchObject({ eventId: null, eventOn: '2026-03-04', cause: 'OST-DISP-BLOCKED' });
    expect(TaskToOpen.safeParse(task).success).toBe(true);
  });

  it('moves a follow-up due on a Saturday to the next working day, for the person’s own prescriber', () => {
    const task = taskFromFollowUp(followUp('missed_dose_review', '2026-03-07'), {
      personId: dean,
      raisedOn: '2026-03-07',
    });
    expect(task).toMatchObject({ dueOn: '2026-03-09', assignee: { kind: 'prescriber' } });
  });

  it('asks for an urgent contact the same day', () => {
    expect(taskFromFollowUp(followUp('urgent_contact', '2026-03-04'), { personId: dean }).sameDay).toBe(true);
  });

  it('names the event it answers, and keeps overlong words inside the record rather than on the list', () => {
    const long = taskFromFollowUp(followUp('urgent_contact', '2026-03-04', 'x'.repeat(600)), {
      personId: dean,
      eventId: id(77),
      eventType: 'suicidality',
    });
    expect(long.why).toBe('Urgent self-assessment answer on 4 March 2026: make contact today');
    expect(long.note).toHaveLength(500);
    expect(long.source).toMatchObject({ eventId: id(77), eventType: 'suicidality' });
  });

  it('refuses an alert, and a malformed follow-up', () => {
    const alert: FollowUp = { type: 'alert', to: 'prescriber', on: '2026-03-04', reason: 'x', source: 'y' };
    const refusals = [alert, { ...followUp('re_engagement', '2026-03-04'), dueOn: 'soon' }].map((f) => {
      try {
        taskFromFollowUp(f, { personId: dean });
      } catch (error) {
        if (isDomainError(error)) return error.code;
      }
      return 'none';
    });
    expect(refusals).toEqual(['INVALID_INPUT', 'INVALID_INPUT']);
  });
});

describe('a set of follow-ups for one person', () => {
  const alert: FollowUp = {
    type: 'alert',
    to: 'prescriber',
    on: '2026-03-04',
    reason: 'Blocked',
    source: 'OST-DISP-BLOCKED',
  };

  it('opens a task for each task follow-up and none for an alert', () => {
    const tasks = tasksFromFollowUps(
      [alert, followUp('re_engagement', '2026-03-04'), followUp('missed_dose_review', '2026-03-04')],
      { personId: dean },
    );
    expect(tasks.map((t) => [t.kind, t.assignee.kind])).toEqual([
      ['reengagement', 'keyworker'],
      ['missed_dose_review', 'prescriber'],
    ]);
  });

  it('opens nothing a task already open covers (same kind, due no later), but never loses an earlier deadline', () => {
    const open = [{ personId: dean, kind: 'reengagement' as const, dueOn: '2026-03-04' }];
    expect(
      tasksFromFollowUps([followUp('re_engagement', '2026-03-05')], { personId: dean }, { openTasks: open }),
    ).toEqual([]);
    const earlier = tasksFromFollowUps(
      [followUp('re_engagement', '2026-03-03')],
      { personId: dean },
      { openTasks: open },
    );
    expect(earlier.map((t) => t.dueOn)).toEqual(['2026-03-03']);
    // Someone else's open task covers nothing of Dean's.
    const others = open.map((t) => ({ ...t, personId: id(9) }));
    expect(
      tasksFromFollowUps(
        [followUp('re_engagement', '2026-03-05')],
        { personId: dean },
        { openTasks: others },
      ),
    ).toHaveLength(1);
  });

  it('opens one task for two follow-ups of one kind in the same set', () => {
    const tasks = tasksFromFollowUps(
      [followUp('supervision_review', '2026-03-04'), followUp('supervision_review', '2026-03-04')],
      { personId: dean },
    );
    expect(tasks).toHaveLength(1);
  });
});
