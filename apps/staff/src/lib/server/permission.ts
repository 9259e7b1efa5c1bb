import type { Permission } from '@harbour/domain/access/policy';
import { error } from '@sveltejs/kit';

/**
 * Refuses the page, with the 403 page, unless the signed-in member of staff holds `permission`. The API checks
 * again on every call; this check keeps the portal from offering what the API would refuse.
 */
export function requirePermission(
  staff: App.Locals['staff'],
  permission: Permission,
  explanation: string,
): NonNullable<App.Locals['staff']> {
  if (staff === null) error(401, 'Sign in to continue');
  if (!staff.permissions.includes(permission)) error(403, 'You cannot use this page', { explanation });
  return staff;
}
