import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { tasksForEvent } from './for-event.ts';
import {
  cancelTask,
  CompleteTaskInput,
  completeTask,
  ReassignTaskInput,
  Task,
  taskMet,
  taskStatus,
  TaskToOpen,
} from './task.ts';
import { id, release } from './test-fixtures.ts';

const [contactTask] = tasksForEvent(release('2026-03-04'), { today: '2026-03-04' });
if (contactTask === undefined) throw new Error('the release opens a contact task');
const storedTask: Task = { ...contactTask, id: id(900), openedOn: '2026-03-04', closure: null };

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a task’s shape', () => {
  it('accepts the tasks the rules open, and a stored task', () => {
    expect(TaskToOpen.safeParse(contactTask).success).toBe(true);
    expect(Task.safeParse(storedTask).success).toBe(true);
  });

  it('is about a person, unless it is an anonymous request, which is about no one', () => {
    expect(TaskToOpen.safeParse({ ...contactTask, personId: null }).success).toBe(false);
    expect(TaskToOpen.safeParse({ ...contactTask, kind: 'contact_request' }).success).toBe(false);
    expect(TaskToOpen.safeParse({ ...contactTask, kind: 'contact_request', personId: null }).success).toBe(
      true,
    );
  });

  it('refuses a list line with hidden characters', () => {
    expect(TaskToOpen.safeParse({ ...contactTask, why: 'Released\u0000' }).success).toBe(false);
  });
});

describe('completing, cancelling and reassigning', () => {
  it('completes a task with one of its kind’s outcomes', () => {
    expect(completeTask(storedTask, 'contacted', '2026-03-05')).toEqual({
      status: 'done',
      outcome: 'contacted',
      closedOn: '2026-03-05',
      byEventId: null,
    });
  });

  it('refuses an outcome of another kind, saying which outcomes fit', () => {
    expect(refusal(() => completeTask(storedTask, 'naloxone_supplied', '2026-03-05'))).toEqual({
      code: 'RULE_REFUSED',
      message:
        'A "Contact after release from prison" task is completed as "Contacted" or "Tried and could not reach", ' +
        'not "Naloxone supplied"',
    });
  });

  it('refuses to close a task that is already closed', () => {
    const done: Task = { ...storedTask, closure: completeTask(storedTask, 'contacted', '2026-03-05') };
    expect(refusal(() => completeTask(done, 'contacted', '2026-03-06')).code).toBe('CONFLICT');
    expect(refusal(() => cancelTask(done, 'duplicate', '2026-03-06')).code).toBe('CONFLICT');
  });

  it('cancels with a staff reason, and refuses the reason Harbour records itself', () => {
    expect(cancelTask(storedTask, 'in_custody', '2026-03-05')).toMatchObject({
      status: 'cancelled',
      reason: 'in_custody',
    });
    expect(refusal(() => cancelTask(storedTask, 'ost_ended', '2026-03-05')).code).toBe('INVALID_INPUT');
  });

  it('says whether a task was met: contacted is, could not reach is not, and missed is not', () => {
    const met = { closure: completeTask(storedTask, 'contacted', '2026-03-05') };
    const tried = { closure: completeTask(storedTask, 'could_not_reach', '2026-03-05') };
    const missed = {
      closure: { status: 'missed', reason: 'risk_window_ended', closedOn: '2026-03-19' } as const,
    };
    expect([met, tried, missed, storedTask].map(taskMet)).toEqual([true, false, false, false]);
    expect([met, missed, storedTask].map(taskStatus)).toEqual(['done', 'missed', 'open']);
  });

  it('validates what staff send', () => {
    expect(CompleteTaskInput.safeParse({ taskId: id(1), outcome: 'contacted' }).success).toBe(true);
    expect(CompleteTaskInput.safeParse({ taskId: id(1), outcome: 'done-ish' }).success).toBe(false);
    expect(
      ReassignTaskInput.safeParse({ taskId: id(1), assignee: { kind: 'staff', staffId: id(2) } }).success,
    ).toBe(true);
    expect(ReassignTaskInput.safeParse({ taskId: id(1), assignee: { kind: 'staff' } }).success).toBe(false);
  });
});
