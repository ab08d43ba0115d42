import type { Routes } from '@angular/router';
import { authGuard, roleGuard, signedOutGuard } from './core/auth/auth.guard';

/** One lazy chunk per feature, mirroring the API's modules. */
export const routes: Routes = [
  {
    path: 'login',
    canActivate: [signedOutGuard],
    title: 'Sign in · TaskTrackr',
    loadComponent: () => import('./pages/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    canActivate: [signedOutGuard],
    title: 'Create account · TaskTrackr',
    loadComponent: () => import('./pages/auth/register-page').then((m) => m.RegisterPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Dashboard · TaskTrackr',
        loadComponent: () =>
          import('./pages/dashboard/dashboard-page').then((m) => m.DashboardPage),
      },
      {
        path: 'tasks',
        canActivate: [roleGuard('employee', 'admin')],
        loadChildren: () => import('./pages/tasks/tasks.routes').then((m) => m.TASKS_ROUTES),
      },
      {
        path: 'webhooks',
        canActivate: [roleGuard('employee', 'admin')],
        loadChildren: () =>
          import('./pages/webhooks/webhooks.routes').then((m) => m.WEBHOOKS_ROUTES),
      },
      {
        path: 'users',
        canActivate: [roleGuard('admin')],
        title: 'Users · TaskTrackr',
        loadComponent: () => import('./pages/users/users-page').then((m) => m.UsersPage),
      },
      {
        path: 'audit/checkpoints',
        canActivate: [roleGuard('auditor', 'admin')],
        title: 'Checkpoints · TaskTrackr',
        loadComponent: () =>
          import('./pages/audit-checkpoints/audit-checkpoints-page').then(
            (m) => m.AuditCheckpointsPage,
          ),
      },
      {
        path: 'audit/streams',
        canActivate: [roleGuard('auditor')],
        title: 'Audit streams · TaskTrackr',
        loadComponent: () =>
          import('./pages/audit-streams/audit-streams-page').then((m) => m.AuditStreamsPage),
      },
      {
        path: 'audit',
        canActivate: [roleGuard('auditor', 'admin')],
        title: 'Audit log · TaskTrackr',
        loadComponent: () => import('./pages/audit-log/audit-log-page').then((m) => m.AuditLogPage),
      },
      {
        path: 'system',
        canActivate: [roleGuard('admin')],
        title: 'System · TaskTrackr',
        loadComponent: () => import('./pages/system/system-page').then((m) => m.SystemPage),
      },
      {
        path: 'account',
        title: 'Account · TaskTrackr',
        loadComponent: () => import('./pages/account/account-page').then((m) => m.AccountPage),
      },
      {
        path: '**',
        title: 'Not found · TaskTrackr',
        loadComponent: () => import('./pages/not-found/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
