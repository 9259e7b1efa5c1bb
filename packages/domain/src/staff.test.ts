import { describe, expect, it } from 'vitest';
import { NewStaffAccountForm } from './staff.ts';

describe("an administrator's form for a new account", () => {
  const good = { displayName: 'Casey Newcomer', email: 'casey@example.org', role: 'nurse', teamIds: [] };

  it('takes a name, an email address, a role and teams', () => {
    expect(NewStaffAccountForm.parse({ ...good, displayName: ' Casey Newcomer ' })).toEqual(good);
  });

  it('names every problem at once', () => {
    const result = NewStaffAccountForm.safeParse({
      displayName: '',
      email: '',
      role: 'chief',
      teamIds: ['x'],
    });
    expect(result.error?.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`)).toEqual([
      'displayName: Enter their full name',
      'email: Enter their work email address',
      'role: Choose a role',
      'teamIds: Invalid UUID',
    ]);
  });

  it('refuses an email address that is not one', () => {
    expect(
      NewStaffAccountForm.safeParse({ ...good, email: 'casey at example' }).error?.issues[0]?.message,
    ).toBe('Enter an email address in the right format, like name@example.org');
  });
});
