import type { Routes } from '@angular/router';

/** The subscriptions and one subscription's delivery log, each its own lazy chunk. */
export const WEBHOOKS_ROUTES: Routes = [
  {
    path: '',
    title: 'Webhooks · TaskTrackr',
    loadComponent: () => import('./webhooks-page').then((m) => m.WebhooksPage),
  },
  {
    path: ':id',
    title: 'Webhook deliveries · TaskTrackr',
    loadComponent: () => import('./webhook-deliveries-page').then((m) => m.WebhookDeliveriesPage),
  },
];
