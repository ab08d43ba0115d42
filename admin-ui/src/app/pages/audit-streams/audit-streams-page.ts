import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PageState } from '../../components/page-state/page-state';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { type AuditStream, AuditStreamsApi } from './audit-streams-api';
import { CreateStreamDialog } from './create-stream-dialog';
import {
  destinationText,
  FORMAT_LABELS,
  KIND_LABELS,
  lagTimeText,
  STATE_LABELS,
  streamState,
  withStream,
} from './stream-state';
import { ActionError } from '../../components/action-error/action-error';
import { RefreshHeading } from '../../components/refresh-heading/refresh-heading';

/** Lag moves while events are sealed and delivered: often enough to watch it, cheap to serve. */
const REFRESH_MS = 5_000;

/**
 * Auditors' view of the audit streams: where each one sends, whether it runs, how far behind
 * it is and why it last failed; pause, resume and a new stream. The list refreshes every 5 s
 * while the page is visible, in place (rows are tracked by id and kept until new ones arrive).
 */
@Component({
  selector: 'tt-audit-streams-page',
  imports: [
    RefreshHeading,
    ActionError,
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PageState,
  ],
  templateUrl: './audit-streams-page.html',
  styleUrl: './audit-streams-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditStreamsPage {
  private readonly api = inject(AuditStreamsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly network = inject(NetworkStatus);

  protected readonly streams = signal<AuditStream[] | null>(null);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly actionProblem = signal<Problem | null>(null);
  protected readonly refreshing = signal(false);
  protected readonly updatedAt = signal<Date | null>(null);
  /** Streams with a pause or resume on its way, so their button cannot be pressed twice. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());

  protected readonly state = streamState;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly formatLabels = FORMAT_LABELS;
  protected readonly destination = destinationText;
  protected readonly lagTime = lagTimeText;
  protected readonly message = problemMessage;

  constructor() {
    void this.refresh();
    const timer = setInterval(() => {
      if (!document.hidden && !this.refreshing()) void this.refresh();
    }, REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  /** The figures on screen stay until the new ones arrive: no blank list between refreshes. */
  protected async refresh(): Promise<void> {
    this.refreshing.set(true);
    try {
      this.streams.set(await this.api.list());
      this.loadProblem.set(null);
      this.updatedAt.set(new Date());
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    } finally {
      this.refreshing.set(false);
    }
  }

  protected openCreate(): void {
    this.dialog
      .open<CreateStreamDialog, void, AuditStream>(CreateStreamDialog, {
        width: '600px',
        maxWidth: 'calc(100vw - 32px)',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((stream) => {
        if (!stream) return;
        this.streams.update((streams) => withStream(streams ?? [], stream));
        this.snackBar.open(`Stream “${stream.name}” created.`, 'OK', { duration: 5000 });
      });
  }

  protected async setPaused(stream: AuditStream, paused: boolean): Promise<void> {
    this.actionProblem.set(null);
    this.pending.update((ids) => new Set([...ids, stream.id]));
    try {
      const updated = paused ? await this.api.pause(stream.id) : await this.api.resume(stream.id);
      this.streams.update((streams) => withStream(streams ?? [], updated));
      this.snackBar.open(`“${stream.name}” ${paused ? 'paused' : 'resumed'}.`, 'OK', {
        duration: 4000,
      });
    } catch (error) {
      this.actionProblem.set(toProblem(error));
    } finally {
      this.pending.update((ids) => new Set([...ids].filter((id) => id !== stream.id)));
    }
  }
}
