import { z } from 'zod';
import { Id } from '../ids.ts';

/**
 * Who a task is for. Rules name a role relative to the person (their keyworker, their prescriber, their team,
 * the team lead) and the service resolves it from the person's episode when it stores the task, so a rule never
 * needs to know staff ids; a person reassigning a task, or a case review naming an owner, may name a member of
 * staff.
 */
export const assigneeKinds = ['keyworker', 'prescriber', 'team', 'team_lead', 'staff'] as const;
export const AssigneeKind = z.enum(assigneeKinds);
export type AssigneeKind = z.infer<typeof AssigneeKind>;

export const assigneeKindLabels: Readonly<Record<AssigneeKind, string>> = {
  keyworker: 'Their keyworker',
  prescriber: 'Their prescriber',
  team: 'The team',
  team_lead: 'The team lead',
  staff: 'A named member of staff',
};

export const Assignee = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('keyworker') }),
  z.strictObject({ kind: z.literal('prescriber') }),
  z.strictObject({ kind: z.literal('team') }),
  z.strictObject({ kind: z.literal('team_lead') }),
  z.strictObject({ kind: z.literal('staff'), staffId: Id }),
]);
export type Assignee = z.infer<typeof Assignee>;

/** The roles a rule can name (everything but a named member of staff). */
export type RoleAssignee = Exclude<AssigneeKind, 'staff'>;

/** An assignee for a role. */
export function assigneeFor(role: RoleAssignee): Assignee {
  return { kind: role };
}
