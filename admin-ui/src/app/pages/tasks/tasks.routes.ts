import type { Routes } from '@angular/router';

/** The task list and one task's page, each its own lazy chunk. */
export const TASKS_ROUTES: Routes = [
  {
    path: '',
    title: 'Tasks · TaskTrackr',
    loadComponent: () => import('./tasks-page').then((m) => m.TasksPage),
  },
  {
    path: ':id',
    title: 'Task · TaskTrackr',
    loadComponent: () => import('./task-detail-page').then((m) => m.TaskDetailPage),
  },
];
