import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { PageState } from '../../components/page-state/page-state';
import { type Problem, toProblem } from '../../core/errors/problem';
import { type Readiness, SystemApi, type SystemStatus } from './system-api';
import { DEPENDENCY_LABELS, lagText } from './system-text';
import { RefreshHeading } from '../../components/refresh-heading/refresh-heading';

const REFRESH_MS = 10_000;

/**
 * Readiness of every dependency, the queues and their failed jobs, and the audit outbox lag,
 * refreshed every 10 s while the page is open and visible (and on demand).
 */
@Component({
  selector: 'tt-system-page',
  imports: [
    RefreshHeading,
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    PageState,
  ],
  templateUrl: './system-page.html',
  styleUrl: './system-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SystemPage {
  private readonly api = inject(SystemApi);

  protected readonly readiness = signal<Readiness | null>(null);
  protected readonly readinessProblem = signal<Problem | null>(null);
  protected readonly status = signal<SystemStatus | null>(null);
  protected readonly statusProblem = signal<Problem | null>(null);
  protected readonly refreshing = signal(false);
  protected readonly updatedAt = signal<Date | null>(null);
  protected readonly autoRefresh = signal(true);
  protected readonly labels = DEPENDENCY_LABELS;
  protected readonly lag = lagText;

  constructor() {
    void this.refresh();
    const timer = setInterval(() => {
      if (this.autoRefresh() && !document.hidden && !this.refreshing()) void this.refresh();
    }, REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  /** Reads readiness and system status side by side; old figures stay until new ones arrive. */
  protected async refresh(): Promise<void> {
    this.refreshing.set(true);
    await Promise.all([
      this.api.readiness().then(
        (readiness) => {
          this.readiness.set(readiness);
          this.readinessProblem.set(null);
        },
        (error: unknown) => this.readinessProblem.set(toProblem(error)),
      ),
      this.api.status().then(
        (status) => {
          this.status.set(status);
          this.statusProblem.set(null);
        },
        (error: unknown) => this.statusProblem.set(toProblem(error)),
      ),
    ]);
    this.updatedAt.set(new Date());
    this.refreshing.set(false);
  }

  protected label(name: string): string {
    return this.labels[name] ?? name;
  }

  protected count(value: number | null): string {
    return value === null ? '—' : String(value);
  }
}
