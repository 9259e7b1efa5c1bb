import { z } from 'zod';
import { Id } from '../ids.ts';
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

/** The reassign form as a page posts it: one role, flat (the API's `assignee` is built from it). */
export const ReassignTaskForm = z.strictObject({
  ...stored,
  taskId: Id,
  assignee: z.enum(reassignRoles, { error: 'Choose who the task is for' }),
});
export type ReassignTaskForm = z.infer<typeof ReassignTaskForm>;
