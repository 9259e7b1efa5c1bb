import { z } from 'zod';
import { Id } from './ids.ts';

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
