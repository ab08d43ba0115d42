import type { Role } from './auth';

export interface RoleInfo {
  role: Role;
  label: string;
  description: string;
}

/** Every role, in the order the screens list them, with what it lets a person do. */
export const ROLE_INFO: readonly RoleInfo[] = [
  { role: 'employee', label: 'Employee', description: 'Own and assigned tasks' },
  { role: 'admin', label: 'Admin', description: 'Users, roles, all tasks, system status' },
  { role: 'auditor', label: 'Auditor', description: 'Read and export the audit log' },
];

export function roleLabel(role: Role): string {
  return ROLE_INFO.find((info) => info.role === role)?.label ?? role;
}

/** Roles in the canonical order, for display and for comparing sets. */
export function sortRoles(roles: readonly Role[]): Role[] {
  const order = ROLE_INFO.map((info) => info.role);
  return [...roles].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
