import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { describeFilters } from './audit-filters';
import {
  type AuditEventFilters,
  type AuditExport,
  type AuditExportFormat,
  AuditLogApi,
} from './audit-log-api';
import { exportFileName, isFinal, pollExport } from './export-poller';

const STATUS_TEXT: Record<AuditExport['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
  expired: 'Expired',
};

/**
 * Background export of the filtered events: start, a progress bar fed by polling every second,
 * then the download (fetched with the bearer token, saved through an object URL) and the signed
 * manifest.
 */
@Component({
  selector: 'tt-audit-export-panel',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
  ],
  templateUrl: './audit-export-panel.html',
  styleUrl: './audit-export-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditExportPanel {
  private readonly api = inject(AuditLogApi);
  protected readonly network = inject(NetworkStatus);
  /** The filters of the table; the export covers the same events. */
  readonly filters = input.required<AuditEventFilters>();

  protected readonly format = signal<AuditExportFormat>('csv');
  protected readonly job = signal<AuditExport | null>(null);
  protected readonly starting = signal(false);
  protected readonly downloading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly message = problemMessage;
  protected readonly scope = computed(() => describeFilters(this.filters()));
  protected readonly busy = computed(() => {
    const job = this.job();
    return this.starting() || (job !== null && !isFinal(job));
  });
  protected readonly statusText = computed(() => {
    const job = this.job();
    return job ? STATUS_TEXT[job.status] : '';
  });

  private polling: AbortController | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.polling?.abort(new Error('closed')));
  }

  protected setFormat(value: unknown): void {
    if (value === 'csv' || value === 'jsonl') this.format.set(value);
  }

  protected async start(): Promise<void> {
    this.polling?.abort(new Error('replaced'));
    const controller = new AbortController();
    this.polling = controller;
    this.starting.set(true);
    this.problem.set(null);
    this.job.set(null);
    try {
      const id = await this.api.startExport(this.format(), this.filters());
      this.starting.set(false);
      await pollExport(
        () => this.api.getExport(id),
        (job) => this.job.set(job),
        { intervalMs: 1000, signal: controller.signal },
      );
    } catch (error) {
      if (!controller.signal.aborted) this.problem.set(toProblem(error));
    } finally {
      if (this.polling === controller) {
        this.starting.set(false);
        this.polling = null;
      }
    }
  }

  protected async download(job: AuditExport): Promise<void> {
    this.downloading.set(true);
    this.problem.set(null);
    try {
      const blob = await this.api.downloadExport(job.id);
      saveBlob(blob, exportFileName(job));
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.downloading.set(false);
    }
  }
}

/** Saves `blob` as a file the way a download link would. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
