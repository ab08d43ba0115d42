import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { PageState } from '../../components/page-state/page-state';
import {
  type AuditCheckpoint,
  TransparencyApi,
} from '../../components/transparency/transparency-api';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import {
  checkpointFileName,
  cosignatureRows,
  type CosignatureRow,
  mergeCheckpoints,
  vkeyId,
} from './checkpoint-view';
import { ConsistencyPanel } from './consistency-panel';

const PAGE_SIZE = 20;

/**
 * The audit log's transparency side for auditors: the latest signed tree checkpoint (its note
 * to copy or keep as a file), the checkpoint history with witness cosignatures, and a
 * consistency check between two checkpoints run in the browser.
 */
@Component({
  selector: 'tt-audit-checkpoints-page',
  imports: [
    ConsistencyPanel,
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    PageState,
  ],
  templateUrl: './audit-checkpoints-page.html',
  styleUrl: './audit-checkpoints-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditCheckpointsPage implements OnInit {
  private readonly api = inject(TransparencyApi);

  protected readonly columns = ['treeSize', 'createdAt', 'rootHash', 'cosignatures', 'actions'];
  protected readonly latest = signal<AuditCheckpoint | null>(null);
  protected readonly history = signal<AuditCheckpoint[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadingMore = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly moreProblem = signal<Problem | null>(null);
  protected readonly copyStatus = signal('');
  protected readonly message = problemMessage;
  protected readonly fileName = checkpointFileName;
  protected readonly keyName = vkeyId;

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [latest, page] = await Promise.all([
        this.api.latestCheckpoint(),
        this.api.listCheckpoints(undefined, PAGE_SIZE),
      ]);
      this.latest.set(latest);
      this.history.set(mergeCheckpoints(latest ? [latest] : [], page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreProblem.set(null);
    try {
      const page = await this.api.listCheckpoints(cursor, PAGE_SIZE);
      this.history.update((current) => mergeCheckpoints(current, page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.moreProblem.set(toProblem(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected cosignatures(checkpoint: AuditCheckpoint): CosignatureRow[] {
    return cosignatureRows(checkpoint);
  }

  protected shortRoot(root: string): string {
    return `${root.slice(0, 12)}…`;
  }

  protected async copy(checkpoint: AuditCheckpoint): Promise<void> {
    try {
      await navigator.clipboard.writeText(checkpoint.note);
      this.copyStatus.set('Checkpoint note copied to the clipboard.');
    } catch {
      this.copyStatus.set('Could not copy: select the note and copy it by hand.');
    }
  }

  /** Saves the note exactly as published, under the log's own file name. */
  protected download(checkpoint: AuditCheckpoint): void {
    const url = URL.createObjectURL(new Blob([checkpoint.note], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = checkpointFileName(checkpoint.treeSize);
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Give the browser time to start reading the blob before it is released.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
