import { z } from 'zod';
import { competencyKindLabels, CompetencyKind } from '../competency/competencies.ts';
import { CalendarDate, Id } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import { StaffRole, staffRoleLabels } from '../staff.ts';

/**
 * Administrators' actions on staff accounts (security.md "Administrators"): each is made after a step-up and
 * written to the audit trail with who acted, on which account, and what changed. The audit row holds ids, field
 * names and values such as a role; never a name or an email address.
 */
export const adminActions = [
  'account_create',
  'account_reset',
  'account_disable',
  'account_enable',
  'account_update',
  'competency_record',
  'pharmacy_create',
  'pharmacy_update',
  'pharmacist_place',
  'pharmacist_remove',
] as const;
export const AdminAction = z.enum(adminActions);
export type AdminAction = z.infer<typeof AdminAction>;

export const adminActionLabels: Record<AdminAction, string> = {
  account_create: 'Created an account',
  account_reset: 'Reset an account',
  account_disable: 'Disabled an account',
  account_enable: 'Enabled an account',
  account_update: 'Changed role or teams',
  competency_record: 'Recorded a competency',
  pharmacy_create: 'Added a pharmacy',
  pharmacy_update: 'Changed a pharmacy’s name or address',
  pharmacist_place: 'Placed a pharmacist at a pharmacy',
  pharmacist_remove: 'Removed a pharmacist from a pharmacy',
};

/** Which of a pharmacy's fields an add or an edit set. */
export const pharmacyFields = ['name', 'address'] as const;

/** What changed, as the audit row records it (`changes`). Absent fields did not change. */
export const AccountChanges = z.strictObject({
  role: z.strictObject({ from: StaffRole.nullable(), to: StaffRole }).optional(),
  teamIds: z.strictObject({ added: z.array(Id), removed: z.array(Id) }).optional(),
  active: z.strictObject({ from: z.boolean().nullable(), to: z.boolean() }).optional(),
  /** A reset: a new temporary passphrase; the authenticator, recovery codes and sessions gone. */
  credentials: z.literal('reset').optional(),
  /** A competency recorded in the register (issue 9), and the record it corrects, if any. */
  competency: z
    .strictObject({
      kind: CompetencyKind,
      achievedOn: CalendarDate,
      expiresOn: CalendarDate,
      replacesId: Id.nullable(),
    })
    .optional(),
  /**
   * A pharmacy (issue 10): the one added or edited, and the fields set (never their words, which the pharmacy
   * row holds); or the one a pharmacist (`target_staff_id`) was placed at or removed from.
   */
  pharmacy: z
    .strictObject({
      id: Id,
      fields: z.array(z.enum(pharmacyFields)).optional(),
      pharmacist: z.enum(['placed', 'removed']).optional(),
    })
    .optional(),
});
export type AccountChanges = z.infer<typeof AccountChanges>;

interface RoleAndTeams {
  role: StaffRole;
  teamIds: readonly string[];
}

/** What differs between an account's role and teams before and after (nothing: an empty object). */
export function accountChanges(before: RoleAndTeams, after: RoleAndTeams): AccountChanges {
  const changes: AccountChanges = {};
  if (before.role !== after.role) changes.role = { from: before.role, to: after.role };
  const added = after.teamIds.filter((id) => !before.teamIds.includes(id));
  const removed = before.teamIds.filter((id) => !after.teamIds.includes(id));
  if (added.length > 0 || removed.length > 0) changes.teamIds = { added: [...added], removed: [...removed] };
  return changes;
}

const yesNo = (value: boolean | null): string => (value === null ? 'none' : value ? 'yes' : 'no');

/**
 * The changes in plain words, one line each, for the Caldicott guardian's audit view. `teamName` and
 * `pharmacyName` give a team's or a pharmacy's name from its id (the row keeps only ids).
 */
export function describeAccountChanges(
  changes: AccountChanges,
  teamName: (id: string) => string,
  pharmacyName: (id: string) => string = () => 'a pharmacy',
): string[] {
  const lines: string[] = [];
  if (changes.role)
    lines.push(
      changes.role.from === null
        ? `Role: ${staffRoleLabels[changes.role.to]}`
        : `Role: ${staffRoleLabels[changes.role.from]} → ${staffRoleLabels[changes.role.to]}`,
    );
  if (changes.teamIds) {
    const { added, removed } = changes.teamIds;
    if (added.length > 0) lines.push(`Teams added: ${added.map(teamName).join(', ')}`);
    if (removed.length > 0) lines.push(`Teams removed: ${removed.map(teamName).join(', ')}`);
  }
  if (changes.active)
    lines.push(
      changes.active.from === null
        ? `Active: ${yesNo(changes.active.to)}`
        : `Active: ${yesNo(changes.active.from)} → ${yesNo(changes.active.to)}`,
    );
  if (changes.competency) {
    const c = changes.competency;
    lines.push(
      `${competencyKindLabels[c.kind]}: achieved ${formatLongDate(c.achievedOn)}, expires ${formatLongDate(c.expiresOn)}` +
        (c.replacesId === null ? '' : ' (a correction)'),
    );
  }
  if (changes.pharmacy) {
    const { id, fields, pharmacist } = changes.pharmacy;
    if (pharmacist)
      lines.push(`${pharmacist === 'placed' ? 'Placed at' : 'Removed from'}: ${pharmacyName(id)}`);
    else if (fields && fields.length > 0) lines.push(`${pharmacyName(id)}: ${fields.join(' and ')} set`);
    else lines.push(`${pharmacyName(id)}: nothing changed`);
  }
  if (changes.credentials === 'reset')
    lines.push('New temporary passphrase; authenticator and recovery codes removed; signed out everywhere');
  return lines;
}
