import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { taskForContactRequest } from './contact-request.ts';
import { TaskToOpen } from './task.ts';

describe('the duty queue task for an anonymous "contact me" request', () => {
  it('asks for a call back the same day when an answer was urgent, for the team, about no one', () => {
    const task = taskForContactRequest({ receivedOn: '2026-03-04', urgent: true });
    expect(task).toMatchObject({
      personId: null,
      kind: 'contact_request',
      dueOn: '2026-03-04',
      sameDay: true,
      priority: 'urgent',
      assignee: { kind: 'team' },
      why: 'Asked to be contacted from the anonymous check on 4 March 2026, with an urgent answer: call back today',
    });
    expect(task.source.ruleId).toBe('TSK-CONTACT-REQUEST-URGENT');
    expect(TaskToOpen.safeParse(task).success).toBe(true);
  });

  it('asks by the next working day otherwise (a Friday request is called on Monday), as routine', () => {
    const task = taskForContactRequest({ receivedOn: '2026-03-06', urgent: false });
    expect(task).toMatchObject({ dueOn: '2026-03-09', sameDay: false, priority: 'routine' });
    expect(task.source.ruleId).toBe('TSK-CONTACT-REQUEST');
  });

  it('moves an urgent request on a Saturday to the next working day', () => {
    expect(taskForContactRequest({ receivedOn: '2026-03-07', urgent: true }).dueOn).toBe('2026-03-09');
  });

  it('refuses a request that is not valid, naming the field', () => {
    try {
      taskForContactRequest({ receivedOn: '4 March', urgent: true });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('INVALID_INPUT');
      expect(isDomainError(error) && error.issues.map((i) => i.path.join('.'))).toEqual([
        'request.receivedOn',
      ]);
    }
  });
});
