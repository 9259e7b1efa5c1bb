import { describe, expect, it } from 'vitest';
import { competencyReminders } from './reminders.ts';
import { competencyRenewalEscalations, competencyRenewalTasks, renewalCause } from './renewal-tasks.ts';

const record = (staffId: string, expiresOn: string, kind = 'risk_assessment' as const) => ({
  staffId,
  kind,
  achievedOn: '2024-06-01',
  expiresOn,
});

describe('competency renewal tasks', () => {
  it('opens one task per expiring or expired competency, due by the expiry on a working day', () => {
    // Expires Sunday 10 May 2026: due Friday 8 May. The other expired: due the first working day from today.
    const reminders = competencyReminders(
      [record('s1', '2026-05-10'), record('s2', '2026-03-01'), record('s3', '2027-01-01')],
      '2026-04-14',
    );
    const tasks = competencyRenewalTasks(reminders, [], '2026-04-14');
    expect(tasks.map((t) => [t.staffId, t.dueOn])).toEqual([
      ['s1', '2026-05-08'],
      ['s2', '2026-04-14'],
    ]);
    expect(tasks[0]?.why).toBe('Risk assessment competency expires on 10 May 2026: book a renewal');
    expect(tasks[1]?.why).toBe('Risk assessment competency expired on 1 March 2026: book a renewal');
  });

  it('opens nothing while a renewal task of that kind is open for the member of staff', () => {
    const reminders = competencyReminders([record('s1', '2026-05-10')], '2026-04-14');
    expect(
      competencyRenewalTasks(
        reminders,
        [{ staffId: 's1', cause: renewalCause('risk_assessment') }],
        '2026-04-14',
      ),
    ).toEqual([]);
    expect(
      competencyRenewalTasks(
        reminders,
        [{ staffId: 's1', cause: renewalCause('naloxone_training') }],
        '2026-04-14',
      ),
    ).toHaveLength(1);
  });
});

describe('renewal tasks not done by the expiry', () => {
  const staff = new Map([
    ['kw', { role: 'keyworker', teamIds: ['t1'] }],
    ['lead', { role: 'team_lead', teamIds: ['t1'] }],
    ['loose', { role: 'nurse', teamIds: [] }],
  ]);
  const open = (taskId: string, staffId: string, escalated = false) => ({
    taskId,
    staffId,
    kind: 'risk_assessment' as const,
    escalated,
  });

  it('escalate from the day after the expiry: a member of a team to the team lead, a team lead to the manager', () => {
    const records = [record('kw', '2026-05-10'), record('lead', '2026-05-10'), record('loose', '2026-05-10')];
    const tasks = [open('a', 'kw'), open('b', 'lead'), open('c', 'loose')];
    // On the expiry day itself it is still in date: nothing escalates.
    expect(competencyRenewalEscalations(tasks, records, staff, '2026-05-10')).toEqual([]);
    expect(competencyRenewalEscalations(tasks, records, staff, '2026-05-11')).toEqual([
      { taskId: 'a', escalation: { to: 'team_lead', reason: 'competency_expired', on: '2026-05-11' } },
      { taskId: 'b', escalation: { to: 'service_manager', reason: 'competency_expired', on: '2026-05-11' } },
      { taskId: 'c', escalation: { to: 'service_manager', reason: 'competency_expired', on: '2026-05-11' } },
    ]);
  });

  it('never escalates twice, nor a task whose competency was renewed in time', () => {
    const renewed = [record('kw', '2026-05-10'), { ...record('kw', '2028-05-01'), achievedOn: '2026-05-09' }];
    expect(competencyRenewalEscalations([open('a', 'kw')], renewed, staff, '2026-06-01')).toEqual([]);
    expect(
      competencyRenewalEscalations(
        [open('a', 'kw', true)],
        [record('kw', '2026-05-10')],
        staff,
        '2026-06-01',
      ),
    ).toEqual([]);
  });
});
