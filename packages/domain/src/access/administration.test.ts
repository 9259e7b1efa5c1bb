import { describe, expect, it } from 'vitest';
import { AccountChanges, accountChanges, describeAccountChanges } from './administration.ts';

const RIVERSIDE = '00000000-0000-7000-8000-0000000000a1';
const CASTLE = '00000000-0000-7000-8000-0000000000a2';
const teamName = (id: string): string =>
  ({ [RIVERSIDE]: 'Riverside', [CASTLE]: 'Castle' })[id] ?? 'a team no longer listed';

describe("an account's changes", () => {
  it('are the role and the teams that differ, and nothing else', () => {
    expect(
      accountChanges(
        { role: 'keyworker', teamIds: [RIVERSIDE] },
        { role: 'team_lead', teamIds: [RIVERSIDE, CASTLE] },
      ),
    ).toEqual({ role: { from: 'keyworker', to: 'team_lead' }, teamIds: { added: [CASTLE], removed: [] } });
    expect(accountChanges({ role: 'nurse', teamIds: [CASTLE] }, { role: 'nurse', teamIds: [] })).toEqual({
      teamIds: { added: [], removed: [CASTLE] },
    });
    expect(
      accountChanges({ role: 'nurse', teamIds: [CASTLE] }, { role: 'nurse', teamIds: [CASTLE] }),
    ).toEqual({});
  });

  it('hold ids and values only: a name or an extra field is refused', () => {
    expect(AccountChanges.safeParse({ displayName: 'Sam Carter' }).success).toBe(false);
    expect(AccountChanges.safeParse({ teamIds: { added: ['Riverside'], removed: [] } }).success).toBe(false);
  });

  it('read in plain words, with team names', () => {
    expect(
      describeAccountChanges(
        {
          role: { from: 'keyworker', to: 'team_lead' },
          teamIds: { added: [CASTLE], removed: [RIVERSIDE, 'gone'] },
        },
        teamName,
      ),
    ).toEqual([
      'Role: Keyworker → Team lead',
      'Teams added: Castle',
      'Teams removed: Riverside, a team no longer listed',
    ]);
    expect(
      describeAccountChanges(
        { role: { from: null, to: 'nurse' }, active: { from: null, to: true } },
        teamName,
      ),
    ).toEqual(['Role: Nurse', 'Active: yes']);
    expect(describeAccountChanges({ active: { from: true, to: false } }, teamName)).toEqual([
      'Active: yes → no',
    ]);
    expect(describeAccountChanges({ credentials: 'reset' }, teamName)).toEqual([
      'New temporary passphrase; authenticator and recovery codes removed; signed out everywhere',
    ]);
    expect(describeAccountChanges({}, teamName)).toEqual([]);
  });

  it('name the pharmacy an administrator added, edited or placed a pharmacist at (issue 10)', () => {
    const QUAY = '0190a0a0-0000-7000-8000-0000000000aa';
    const pharmacyName = (id: string) => (id === QUAY ? 'Quayside Pharmacy' : 'a pharmacy');
    const lines = (changes: AccountChanges) => describeAccountChanges(changes, teamName, pharmacyName);
    expect(lines({ pharmacy: { id: QUAY, fields: ['name', 'address'] } })).toEqual([
      'Quayside Pharmacy: name and address set',
    ]);
    expect(lines({ pharmacy: { id: QUAY, fields: [] } })).toEqual(['Quayside Pharmacy: nothing changed']);
    expect(lines({ pharmacy: { id: QUAY, pharmacist: 'placed' } })).toEqual(['Placed at: Quayside Pharmacy']);
    expect(lines({ pharmacy: { id: CASTLE, pharmacist: 'removed' } })).toEqual(['Removed from: a pharmacy']);
    // Ids and field names only: never the pharmacy's words.
    expect(AccountChanges.safeParse({ pharmacy: { id: QUAY, name: 'Quayside Pharmacy' } }).success).toBe(
      false,
    );
  });
});
