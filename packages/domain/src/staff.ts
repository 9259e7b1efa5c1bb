import { z } from 'zod';
import { Id } from './ids.ts';
import { singleLine } from './text.ts';

/** Staff roles (workflows.md "People"; the Caldicott guardian and administrator from security.md). */
export const staffRoles = [
  'keyworker',
  'prescriber',
  'nurse',
  'team_lead',
  'service_manager',
  'pharmacist',
  'administrator',
  'caldicott_guardian',
] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

/** Labels shown to staff and, in the access log, to service users. */
export const staffRoleLabels: Record<StaffRole, string> = {
  keyworker: 'Keyworker',
  prescriber: 'Prescriber',
  nurse: 'Nurse',
  team_lead: 'Team lead',
  service_manager: 'Service manager',
  pharmacist: 'Pharmacist',
  administrator: 'Administrator',
  caldicott_guardian: 'Caldicott guardian',
};

/** A member of staff. `teamIds` are the teams they belong to (a pharmacist or manager may have none). */
export const Staff = z.strictObject({
  id: Id,
  organisationId: Id,
  displayName: z.string().min(1).max(120),
  email: z.email().max(254),
  role: StaffRole,
  teamIds: z.array(Id).max(50),
  active: z.boolean(),
});
export type Staff = z.infer<typeof Staff>;

/**
 * An administrator's form for a new account (security.md promise 1): Harbour makes a temporary passphrase, and
 * at the first sign-in the person sets up an authenticator app. Team ids come from the page's own list; the
 * API checks that each is a team of the organisation.
 */
export const NewStaffAccountForm = z.strictObject({
  displayName: singleLine({ min: 1, max: 120, tooShort: 'Enter their full name' }),
  email: singleLine({ min: 1, max: 254, tooShort: 'Enter their work email address' }).pipe(
    z.email('Enter an email address in the right format, like name@example.org'),
  ),
  role: z.enum(staffRoles, { error: 'Choose a role' }),
  teamIds: z.array(Id).max(50),
});
