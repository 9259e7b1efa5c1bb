import { describe, expect, it } from 'vitest';
import { namedAssignment } from './assignee.ts';
import { assigneeFromChoice, namedChoice, ReassignTaskForm } from './requests.ts';
import { id } from './test-fixtures.ts';

const riverside = id(1);
const harbourside = id(2);
const jo = { role: 'team_lead', teamIds: [riverside] };

describe('giving a task to a named member of staff', () => {
  it('lets the team lead of the task’s team name an active member of that team', () => {
    expect(
      namedAssignment(jo, riverside, { active: true, role: 'keyworker', teamIds: [harbourside, riverside] }),
    ).toEqual({
      allowed: true,
    });
  });

  it('refuses someone outside the team, an account no longer active, or nobody at all, saying why', () => {
    for (const member of [
      { active: true, role: 'keyworker', teamIds: [harbourside] },
      { active: false, role: 'keyworker', teamIds: [riverside] },
      null,
    ])
      expect(namedAssignment(jo, riverside, member)).toEqual({
        allowed: false,
        code: 'RULE_REFUSED',
        reason: "Choose a member of this task's team: the person you chose is not in it.",
      });
  });

  it('refuses a member of the team who cannot open records (a pharmacist, an administrator)', () => {
    for (const role of ['pharmacist', 'administrator', 'service_manager'])
      expect(namedAssignment(jo, riverside, { active: true, role, teamIds: [riverside] })).toEqual({
        allowed: false,
        code: 'RULE_REFUSED',
        reason: "Choose someone who works with people's records: the person you chose cannot open them.",
      });
  });

  it('refuses anyone but a team lead of the task’s own team, and a task that belongs to no team', () => {
    const member = { active: true, role: 'nurse', teamIds: [riverside] };
    const refused = [
      namedAssignment({ role: 'keyworker', teamIds: [riverside] }, riverside, member),
      namedAssignment({ role: 'team_lead', teamIds: [harbourside] }, riverside, member),
      namedAssignment(jo, null, member),
    ];
    for (const decision of refused) expect(decision).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
  });
});

describe('the reassign form’s choice', () => {
  const form = (assignee: string) =>
    ReassignTaskForm.safeParse({ personId: id(3), expectedVersion: 1, taskId: id(4), assignee });

  it('is a role or a named member of staff, each turned into the API’s assignee', () => {
    const named = form(namedChoice(id(5)));
    expect(named.success && assigneeFromChoice(named.data.assignee)).toEqual({
      kind: 'staff',
      staffId: id(5),
    });
    const role = form('team');
    expect(role.success && assigneeFromChoice(role.data.assignee)).toEqual({ kind: 'team' });
  });

  it('refuses anything else in words', () => {
    for (const bad of ['', 'staff:', 'staff:not-an-id', 'administrator'])
      expect(form(bad).error?.issues.map((i) => i.message)).toEqual(['Choose who the task is for']);
  });
});
