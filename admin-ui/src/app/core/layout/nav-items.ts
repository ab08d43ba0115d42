import type { Role } from '../auth/auth';

export interface NavItem {
  path: string;
  label: string;
  icon: string;
  roles: readonly Role[];
  /** Active on this path only, not below it (the audit log beside its sub-screens). */
  exact?: boolean;
}

/** The sidebar, in order; each entry shows only to the roles its route admits. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'Dashboard', icon: 'dashboard', roles: ['employee', 'admin', 'auditor'] },
  { path: '/tasks', label: 'Tasks', icon: 'task_alt', roles: ['employee', 'admin'] },
  { path: '/users', label: 'Users', icon: 'group', roles: ['admin'] },
  {
    path: '/audit',
    label: 'Audit log',
    icon: 'policy',
    roles: ['auditor', 'admin'],
    exact: true,
  },
  { path: '/audit/streams', label: 'Streams', icon: 'stream', roles: ['auditor'] },
  { path: '/system', label: 'System', icon: 'monitor_heart', roles: ['admin'] },
  { path: '/account', label: 'Account', icon: 'person', roles: ['employee', 'admin', 'auditor'] },
];
