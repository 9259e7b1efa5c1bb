import { z } from 'zod';
import { clinicalRoles } from '../access/policy.ts';
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

/** Whether a task may be given to a named member of staff, and if not, why (in words staff can act on). */
export type NamedAssignment =
  { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'RULE_REFUSED'; reason: string };

/**
 * May `actor` give a task of the team `taskTeamId` to a named member of staff (`member`: their teams, and whether
 * their account is active; null when no such account is in the organisation)? The team lead allocates the
 * team's work (workflows.md: Jo "assigns actions"): only a team lead of the task's own team names a person, and
 * only a member of that team, so a task never leaves the team that holds the person's episode. Anyone who may
 * write to the record can still give it to a role.
 */
export function namedAssignment(
  actor: { role: string; teamIds: readonly string[] },
  taskTeamId: string | null,
  member: { active: boolean; role: string; teamIds: readonly string[] } | null,
): NamedAssignment {
  if (actor.role !== 'team_lead' || taskTeamId === null || !actor.teamIds.includes(taskTeamId))
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason:
        "Only the team lead of this task's team can give it to a named member of staff. You can give it to a role instead.",
    };
  if (member === null || !member.active || !member.teamIds.includes(taskTeamId))
    return {
      allowed: false,
      code: 'RULE_REFUSED',
      reason: "Choose a member of this task's team: the person you chose is not in it.",
    };
  // A task is about a person: it can only go to someone who can open their record (never, say, a pharmacist or
  // an administrator who happens to be listed in the team).
  if (!(clinicalRoles as readonly string[]).includes(member.role))
    return {
      allowed: false,
      code: 'RULE_REFUSED',
      reason: "Choose someone who works with people's records: the person you chose cannot open them.",
    };
  return { allowed: true };
}
