import { describe, expect, it } from 'vitest';
import { compareForList, escalationsForDay, overdueCount, TaskSettings, taskTiming } from './overdue.ts';
import { tasksForEvent } from './for-event.ts';
import type { OpenTask } from './task.ts';
import { byKind, overdose, release, stored } from './test-fixtures.ts';

describe('due, due today and overdue', () => {
  it.each([
    ['2026-04-01', 'coming', 0, 'Due 2 April 2026'],
    ['2026-04-02', 'due_today', 0, 'Due today'],
    ['2026-04-04', 'overdue', 0, 'Overdue: due 2 April 2026'],
    ['2026-04-07', 'overdue', 1, '1 working day overdue'],
    ['2026-04-09', 'overdue', 3, '3 working days overdue'],
  ] as const)(
    'a task due on Maundy Thursday, seen on %s, is %s (%i working days): "%s"',
    (today, state, n, label) => {
      const timing = taskTiming({ dueOn: '2026-04-02' }, today);
      expect(timing).toMatchObject({ state, overdueWorkingDays: n, label });
    },
  );

  it('gives calendar days overdue as well, for reports', () => {
    expect(taskTiming({ dueOn: '2026-04-02' }, '2026-04-07').overdueDays).toBe(5);
  });

  it('counts the overdue tasks for a caseload row', () => {
    expect(
      overdueCount([{ dueOn: '2026-03-01' }, { dueOn: '2026-03-02' }, { dueOn: '2026-03-03' }], '2026-03-02'),
    ).toBe(1);
  });

  it('lists the earliest due first, and urgent before routine on the same day', () => {
    const tasks = [
      { dueOn: '2026-03-03', priority: 'urgent' as const },
      { dueOn: '2026-03-02', priority: 'routine' as const },
      { dueOn: '2026-03-02', priority: 'urgent' as const },
      { dueOn: '2026-03-02', priority: 'routine' as const },
    ];
    expect([...tasks].sort(compareForList)).toEqual([tasks[2], tasks[1], tasks[3], tasks[0]]);
  });
});

describe('escalating overdue tasks', () => {
  // Released on Wednesday 4 March: the contact is due Friday 6 March; the prescribing appointment 25 March.
  const open = stored(tasksForEvent(release('2026-03-04'), { today: '2026-03-04' }));
  const contactTask = byKind(open).release_contact as OpenTask;

  it('escalates an urgent task to the team lead once it is 1 working day overdue, not over the weekend', () => {
    expect(escalationsForDay([contactTask], '2026-03-08')).toEqual([]);
    expect(escalationsForDay([contactTask], '2026-03-09')).toEqual([
      { taskId: contactTask.id, escalation: { to: 'team_lead', reason: 'overdue', on: '2026-03-09' } },
    ]);
  });

  it('escalates a routine task after 3 working days overdue', () => {
    const routine: OpenTask = { ...contactTask, priority: 'routine' };
    expect(escalationsForDay([routine], '2026-03-10')).toEqual([]);
    expect(escalationsForDay([routine], '2026-03-11')).toHaveLength(1);
  });

  it('escalates the team lead’s own task to the service manager, and nothing twice', () => {
    const first = overdose('2026-02-02');
    const second = overdose('2026-03-02');
    const review = byKind(stored(tasksForEvent(second, { today: '2026-03-02', events: [first] })))
      .repeat_overdose_review as OpenTask;
    expect(escalationsForDay([review], '2026-03-04')[0]?.escalation.to).toBe('service_manager');
    const followUp = byKind(stored(tasksForEvent(second, { today: '2026-03-02', events: [first] })))
      .overdose_follow_up as OpenTask;
    expect(followUp.escalation?.reason).toBe('repeat_overdose');
    expect(escalationsForDay([followUp], '2026-03-20')).toEqual([]);
  });

  it('lets a service escalate routine tasks sooner, never later than the bounds', () => {
    const routine: OpenTask = { ...contactTask, priority: 'routine' };
    const sooner = TaskSettings.parse({ escalateRoutineAfterWorkingDays: 1 });
    expect(escalationsForDay([routine], '2026-03-09', sooner)).toHaveLength(1);
    expect(TaskSettings.safeParse({ escalateUrgentAfterWorkingDays: 3 }).success).toBe(false);
    expect(TaskSettings.safeParse({ escalateRoutineAfterWorkingDays: 11 }).success).toBe(false);
  });
});
