import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { confirmAction } from '../../components/confirm-dialog/confirm-dialog';
import { PageState } from '../../components/page-state/page-state';
import { Auth } from '../../core/auth/auth';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { withItem, withoutItem } from '../../core/lists/with-item';
import { NetworkStatus } from '../../core/offline/network-status';
import { type CreateWebhookData, CreateWebhookDialog } from './create-webhook-dialog';
import {
  EVENT_TYPE_CHOICES,
  latestAttempt,
  OUTCOME_LABELS,
  SUBSCRIPTION_STATE_LABELS,
  subscriptionState,
} from './webhook-form';
import { type WebhookSecretData, WebhookSecretDialog } from './webhook-secret-dialog';
import {
  type CreatedWebhookSubscription,
  type WebhookEventType,
  type WebhookSubscription,
  WebhooksApi,
} from './webhooks-api';
import { ActionError } from '../../components/action-error/action-error';
import { RefreshHeading } from '../../components/refresh-heading/refresh-heading';

const EVENT_LABELS = new Map(EVENT_TYPE_CHOICES.map((choice) => [choice.type, choice.label]));

/**
 * Webhook subscriptions: an employee's own, an admin's view of everyone's. Subscribe (the
 * secret is shown once), send a test, rotate the secret, pause or re-enable, delete; each card
 * links to its delivery log.
 */
@Component({
  selector: 'tt-webhooks-page',
  imports: [
    RefreshHeading,
    ActionError,
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PageState,
    RouterLink,
  ],
  templateUrl: './webhooks-page.html',
  styleUrl: './webhooks-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhooksPage {
  private readonly api = inject(WebhooksApi);
  private readonly auth = inject(Auth);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly network = inject(NetworkStatus);

  protected readonly subscriptions = signal<WebhookSubscription[] | null>(null);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly actionProblem = signal<Problem | null>(null);
  protected readonly refreshing = signal(false);
  /** Subscriptions with an action on its way, so their buttons cannot be pressed twice. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly isAdmin = computed(() => this.auth.hasAnyRole(['admin']));

  protected readonly state = subscriptionState;
  protected readonly stateLabels = SUBSCRIPTION_STATE_LABELS;
  protected readonly outcomeLabels = OUTCOME_LABELS;
  protected readonly message = problemMessage;

  constructor() {
    void this.refresh();
  }

  protected eventLabel(type: WebhookEventType): string {
    return EVENT_LABELS.get(type) ?? type;
  }

  protected async refresh(): Promise<void> {
    this.refreshing.set(true);
    try {
      this.subscriptions.set(await this.api.list());
      this.loadProblem.set(null);
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    } finally {
      this.refreshing.set(false);
    }
  }

  protected openCreate(): void {
    this.dialog
      .open<CreateWebhookDialog, CreateWebhookData, CreatedWebhookSubscription>(
        CreateWebhookDialog,
        {
          data: { isAdmin: this.isAdmin() },
          width: '560px',
          maxWidth: 'calc(100vw - 32px)',
          autoFocus: 'first-tabbable',
        },
      )
      .afterClosed()
      .subscribe((created) => {
        if (!created) return;
        const { secret, ...subscription } = created;
        this.subscriptions.update((list) => withItem(list ?? [], subscription));
        this.showSecret({ url: created.url, secret });
      });
  }

  private showSecret(data: WebhookSecretData): void {
    this.dialog.open<WebhookSecretDialog, WebhookSecretData>(WebhookSecretDialog, {
      data,
      width: '560px',
      maxWidth: 'calc(100vw - 32px)',
      // A click beside it must not lose the only copy of the secret.
      disableClose: true,
    });
  }

  /** Runs one action on a subscription, its buttons disabled meanwhile, its refusal shown. */
  private async act(subscription: WebhookSubscription, action: () => Promise<void>) {
    this.actionProblem.set(null);
    this.pending.update((ids) => new Set([...ids, subscription.id]));
    try {
      await action();
    } catch (error) {
      this.actionProblem.set(toProblem(error));
    } finally {
      this.pending.update((ids) => new Set([...ids].filter((id) => id !== subscription.id)));
    }
  }

  protected setEnabled(subscription: WebhookSubscription, enabled: boolean): Promise<void> {
    return this.act(subscription, async () => {
      const updated = await this.api.update(subscription.id, { enabled });
      this.subscriptions.update((list) => withItem(list ?? [], updated));
      this.snackBar.open(enabled ? 'Webhook enabled.' : 'Webhook paused.', 'OK', {
        duration: 4000,
      });
    });
  }

  protected sendTest(subscription: WebhookSubscription): Promise<void> {
    return this.act(subscription, async () => {
      const delivery = await this.api.sendTest(subscription.id);
      const attempt = latestAttempt(delivery);
      const text =
        attempt?.outcome === 'success'
          ? `Test delivered: the receiver answered ${attempt.statusCode}.`
          : `Test failed: ${attempt ? this.outcomeLabels[attempt.outcome] : 'not sent'}` +
            (attempt?.statusCode ? ` (${attempt.statusCode})` : '') +
            (attempt?.error ? ` — ${attempt.error}` : '.');
      this.snackBar.open(text, 'OK', { duration: 8000 });
    });
  }

  protected async rotate(subscription: WebhookSubscription): Promise<void> {
    // Filled by the confirmed action; read once the confirmation closes.
    const result: { rotated?: WebhookSecretData } = {};
    const confirmed = await confirmAction(this.dialog, {
      title: 'Rotate the signing secret?',
      message: [
        'A new secret is made and shown once.',
        'For the next 24 hours every delivery carries two signatures, one with the new secret and one with the old, so your receiver keeps working while you switch it over. After that, only the new secret signs.',
      ],
      confirmText: 'Rotate secret',
      action: async () => {
        const answer = await this.api.rotateSecret(subscription.id);
        result.rotated = { url: subscription.url, ...answer };
      },
    });
    if (confirmed && result.rotated) {
      void this.refresh();
      this.showSecret(result.rotated);
    }
  }

  protected async remove(subscription: WebhookSubscription): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: 'Delete this webhook?',
      message: [
        `${subscription.url} receives nothing more.`,
        'Its queued deliveries and its delivery log are deleted with it. This cannot be undone.',
      ],
      confirmText: 'Delete',
      destructive: true,
      action: () => this.api.remove(subscription.id),
    });
    if (!confirmed) return;
    this.subscriptions.update((list) => withoutItem(list ?? [], subscription.id));
    this.snackBar.open('Webhook deleted.', 'OK', { duration: 4000 });
  }
}
