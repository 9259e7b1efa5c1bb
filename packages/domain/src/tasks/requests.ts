import { z } from 'zod';
import { Id } from '../ids.ts';
import type { Assignee } from './assignee.ts';
import { CancelTaskInput, CompleteTaskInput, ReassignTaskInput } from './task.ts';

/**
 * What a member of staff sends to act on a stored task: the task's own input (task.ts) plus the person it is
 * about (access is decided on the person, and every call is audited on their record) and the version they read
 * (optimistic concurrency: two people completing one task, one wins and the other is told).
 */
const stored = { personId: Id, expectedVersion: z.int().positive().max(1_000_000) };

export const CompleteStoredTask = CompleteTaskInput.extend(stored);
export type CompleteStoredTask = z.infer<typeof CompleteStoredTask>;

export const CancelStoredTask = CancelTaskInput.extend(stored);
export type CancelStoredTask = z.infer<typeof CancelStoredTask>;

export const ReassignStoredTask = ReassignTaskInput.extend(stored);
export type ReassignStoredTask = z.infer<typeof ReassignStoredTask>;

/** Completing a task about no one (the duty queue's call back): no person to name; the team is the task's own. */
export const CompleteDutyTask = CompleteTaskInput.extend({ expectedVersion: stored.expectedVersion });
export type CompleteDutyTask = z.infer<typeof CompleteDutyTask>;

export const TeamTasksQuery = z.strictObject({ teamId: Id });
export type TeamTasksQuery = z.infer<typeof TeamTasksQuery>;

export const PersonTasksQuery = z.strictObject({ personId: Id });
export type PersonTasksQuery = z.infer<typeof PersonTasksQuery>;

/** The roles a task can be given back to from a page (a named colleague is for the API). */
export const reassignRoles = ['keyworker', 'prescriber', 'team', 'team_lead'] as const;

/** A named member of staff as the reassign form's choice (`staff:<id>`), beside the roles. */
export const namedChoice = (staffId: string): string => `staff:${staffId}`;
const CHOOSE_ASSIGNEE = 'Choose who the task is for';
const NAMED_CHOICE = /^staff:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The reassign form as a page posts it: one role, or a named member of the team (`namedChoice`), flat. */
export const ReassignTaskForm = z.strictObject({
  ...stored,
  taskId: Id,
  assignee: z.union([z.enum(reassignRoles), z.string().regex(NAMED_CHOICE, { error: CHOOSE_ASSIGNEE })], {
    error: CHOOSE_ASSIGNEE,
  }),
});
export type ReassignTaskForm = z.infer<typeof ReassignTaskForm>;

/** The API's `assignee` for the form's choice: a role, or the named member of staff. */
export function assigneeFromChoice(choice: ReassignTaskForm['assignee']): Assignee {
  const named = NAMED_CHOICE.exec(choice)?.[1];
  if (named !== undefined) return { kind: 'staff', staffId: named };
  return { kind: choice as (typeof reassignRoles)[number] };
}
