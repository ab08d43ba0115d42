import type { Role } from '../auth/auth';

export interface NavItem {
  path: string;
  label: string;
  icon: string;
  roles: readonly Role[];
  /** Active only on this exact path (not on the routes below it); query parameters never count. */
  exact?: boolean;
}

/** The sidebar, in order; each entry shows only to the roles its route admits. */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    path: '/',
    label: 'Dashboard',
    icon: 'dashboard',
    roles: ['employee', 'admin', 'auditor'],
    exact: true,
  },
  { path: '/tasks', label: 'Tasks', icon: 'task_alt', roles: ['employee', 'admin'] },
  { path: '/webhooks', label: 'Webhooks', icon: 'webhook', roles: ['employee', 'admin'] },
  { path: '/users', label: 'Users', icon: 'group', roles: ['admin'] },
  { path: '/audit', label: 'Audit log', icon: 'policy', roles: ['auditor', 'admin'], exact: true },
  {
    path: '/audit/checkpoints',
    label: 'Checkpoints',
    icon: 'verified_user',
    roles: ['auditor', 'admin'],
  },
  { path: '/audit/streams', label: 'Streams', icon: 'stream', roles: ['auditor'] },
  { path: '/system', label: 'System', icon: 'monitor_heart', roles: ['admin'] },
  { path: '/account', label: 'Account', icon: 'person', roles: ['employee', 'admin', 'auditor'] },
];
