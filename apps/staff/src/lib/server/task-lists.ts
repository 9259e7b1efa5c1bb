import { assigneeKindLabels } from '@harbour/domain/tasks/assignee';
import { reassignRoles } from '@harbour/domain/tasks/requests';

/** The roles a task can be given to from a page, with their labels (made here: no schemas in the bundle). */
export const reassignOptions = reassignRoles.map((value) => ({ value, label: assigneeKindLabels[value] }));
