import type { Principal } from '../common/access/principal';

/** Whose tasks: admins see every live task, employees what they own or are assigned. */
export interface TaskViewer {
  userId: string;
  seesAll: boolean;
}

export function viewerOf(principal: Principal): TaskViewer {
  return { userId: principal.userId, seesAll: principal.roles.includes('admin') };
}
