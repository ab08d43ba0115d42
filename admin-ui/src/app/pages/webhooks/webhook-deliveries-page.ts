import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { confirmAction } from '../../components/confirm-dialog/confirm-dialog';
import { PageState } from '../../components/page-state/page-state';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import {
  backlog,
  instantToLocalDateTime,
  lastAttempt,
  latencyText,
  latestAttempt,
  localDateTimeToInstant,
  OUTCOME_LABELS,
} from './webhook-form';
import { type WebhookDelivery, type WebhookSubscription, WebhooksApi } from './webhooks-api';
import { ActionError } from '../../components/action-error/action-error';
import { RefreshHeading } from '../../components/refresh-heading/refresh-heading';

/** Deliveries move while the worker sends: often enough to watch them, cheap to serve. */
const REFRESH_MS = 5_000;

/**
 * One subscription's delivery log, newest first: each delivery's latest attempt (status,
 * response code, latency, time, the first kilobyte of the answer) and all its attempts on
 * demand; replay one delivery or every event since an instant.
 */
@Component({
  selector: 'tt-webhook-deliveries-page',
  imports: [
    RefreshHeading,
    ActionError,
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    PageState,
    RouterLink,
  ],
  templateUrl: './webhook-deliveries-page.html',
  styleUrl: './webhook-deliveries-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhookDeliveriesPage {
  private readonly api = inject(WebhooksApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly network = inject(NetworkStatus);

  /** The subscription's id, from the route. */
  readonly id = input.required<string>();

  protected readonly subscription = signal<WebhookSubscription | null>(null);
  protected readonly deliveries = signal<WebhookDelivery[] | null>(null);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly actionProblem = signal<Problem | null>(null);
  protected readonly refreshing = signal(false);
  protected readonly replaying = signal(false);
  protected readonly replayResult = signal<string | null>(null);
  /** The "Replay since" input (`datetime-local`), an hour ago to start with. */
  protected readonly since = signal(instantToLocalDateTime(new Date(Date.now() - 3600_000)));
  protected readonly sinceInstant = computed(() => localDateTimeToInstant(this.since()));

  protected readonly backlog = computed(() => backlog(this.deliveries() ?? []));
  protected readonly lastAttempt = computed(() => lastAttempt(this.deliveries() ?? []));
  protected readonly latest = latestAttempt;
  protected readonly latency = latencyText;
  protected readonly outcomeLabels = OUTCOME_LABELS;
  protected readonly message = problemMessage;

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.refresh());
    });
    const timer = setInterval(() => {
      if (!document.hidden && !this.refreshing()) void this.refresh();
    }, REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  /** What is on screen stays until the new answer arrives: no blank log between refreshes. */
  protected async refresh(): Promise<void> {
    this.refreshing.set(true);
    try {
      const [subscription, deliveries] = await Promise.all([
        this.api.get(this.id()),
        this.api.deliveries(this.id()),
      ]);
      this.subscription.set(subscription);
      this.deliveries.set(deliveries);
      this.loadProblem.set(null);
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    } finally {
      this.refreshing.set(false);
    }
  }

  protected async replayOne(delivery: WebhookDelivery): Promise<void> {
    this.actionProblem.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: 'Replay this delivery?',
      message: [
        `The same ${delivery.eventType} message is queued again, after what is already waiting.`,
        'It goes out with a new webhook-id, so a receiver that deduplicated the original takes it; use data.eventId to process it only once.',
      ],
      confirmText: 'Replay',
      action: () => this.api.replayDelivery(this.id(), delivery.id),
    });
    if (!confirmed) return;
    this.snackBar.open('Delivery queued again.', 'OK', { duration: 4000 });
    void this.refresh();
  }

  protected async replaySince(): Promise<void> {
    const since = this.sinceInstant();
    if (!since) return;
    let queued = 0;
    this.replayResult.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: 'Replay every event since then?',
      message: [
        `Every event this subscription matches that occurred since ${new Date(since).toLocaleString()} is queued again, in order, after what is already waiting (at most 50,000 per replay).`,
        'Your receiver will get them with new webhook-ids.',
      ],
      confirmText: 'Replay events',
      action: async () => {
        this.replaying.set(true);
        try {
          queued = await this.api.replaySince(this.id(), since);
        } finally {
          this.replaying.set(false);
        }
      },
    });
    if (!confirmed) return;
    this.replayResult.set(
      queued === 0
        ? 'No events matched since then: nothing was queued.'
        : `${queued} ${queued === 1 ? 'event' : 'events'} queued again.`,
    );
    void this.refresh();
  }
}
