// Which page a member of staff starts on. Pure: the permissions come from the API's `account.me`.

/**
 * The pages with a place in the navigation, in the order they are offered, and the permission each needs; a
 * page marked `start: false` is never where someone starts (a service manager's few escalated tasks).
 */
export const sections = [
  { path: '/caseload', label: 'Caseload', permission: 'caseload:read' },
  { path: '/tasks', label: 'My tasks', permission: 'tasks:mine', start: false },
  { path: '/team-tasks', label: 'Team tasks', permission: 'caseload:read' },
  { path: '/team', label: 'Naloxone coverage', permission: 'coverage:read' },
  { path: '/reviews', label: 'Case reviews', permission: 'caseload:read' },
  { path: '/reductions', label: 'Reductions reported', permission: 'reductions:report' },
  { path: '/protocol', label: 'Overdose protocol', permission: 'protocol:read' },
  { path: '/find', label: 'Find a person', permission: 'person:search' },
  { path: '/pharmacy', label: 'Today at the pharmacy', permission: 'pharmacy:dispense' },
  { path: '/clinics', label: 'Clinics', permission: 'clinics:manage' },
  { path: '/alerts', label: 'Alerts', permission: 'alerts:review' },
  { path: '/audit', label: 'Audit', permission: 'audit:review' },
  { path: '/admin/accounts', label: 'Accounts', permission: 'accounts:manage' },
  { path: '/admin/pharmacies', label: 'Pharmacies', permission: 'pharmacies:manage' },
  { path: '/admin/competencies', label: 'Competencies', permission: 'competencies:manage' },
] as const;

export type SectionPath = (typeof sections)[number]['path'];

/** The first page this member of staff may use, or null when their role has none of them yet. */
export function homePathFor(permissions: readonly string[]): SectionPath | null {
  return (
    sections.find(
      (section) => !('start' in section && !section.start) && permissions.includes(section.permission),
    )?.path ?? null
  );
}

/** The sections to show in the navigation. */
export function sectionsFor(permissions: readonly string[]): (typeof sections)[number][] {
  return sections.filter((section) => permissions.includes(section.permission));
}
