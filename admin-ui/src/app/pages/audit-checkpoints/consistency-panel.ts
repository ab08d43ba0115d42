import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { CheckResult } from '../../components/transparency/check-result';
import {
  checkCheckpointConsistency,
  eventCount,
} from '../../components/transparency/consistency-check';
import type { CheckRun } from '../../components/transparency/proof-steps';
import {
  type AuditCheckpoint,
  TransparencyApi,
} from '../../components/transparency/transparency-api';

/** `size` if the list still has it. */
function kept(list: readonly AuditCheckpoint[], size: number | null | undefined): number | null {
  return list.some((c) => c.treeSize === size) ? (size as number) : null;
}

/**
 * Consistency between two chosen checkpoints, checked in this browser: both signatures, then
 * the server's RFC 9162 proof recomputed against the two signed roots.
 */
@Component({
  selector: 'tt-consistency-panel',
  imports: [CheckResult, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <h2 id="consistency-heading">Consistency</h2>
    <p class="muted intro">
      Proves that the newer tree contains the older one unchanged: nothing signed earlier was
      edited, removed or reordered. Checked in your browser with Web Crypto.
    </p>
    <form
      class="pick"
      (submit)="$event.preventDefault(); check()"
      aria-labelledby="consistency-heading"
    >
      <mat-form-field>
        <mat-label>Older checkpoint</mat-label>
        <select
          matNativeControl
          data-testid="consistency-from"
          [value]="olderSize()"
          (change)="olderSize.set(sizeOf($event))"
        >
          @for (c of checkpoints(); track c.treeSize) {
            <option [value]="c.treeSize" [selected]="c.treeSize === olderSize()">
              {{ label(c.treeSize) }}
            </option>
          }
        </select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Newer checkpoint</mat-label>
        <select
          matNativeControl
          data-testid="consistency-to"
          [value]="newerSize()"
          (change)="newerSize.set(sizeOf($event))"
        >
          @for (c of checkpoints(); track c.treeSize) {
            <option [value]="c.treeSize" [selected]="c.treeSize === newerSize()">
              {{ label(c.treeSize) }}
            </option>
          }
        </select>
      </mat-form-field>
      <button
        mat-flat-button
        type="submit"
        data-testid="check-consistency"
        [disabled]="running() || checkpoints().length < 2"
      >
        Check consistency
      </button>
    </form>
    @if (checkpoints().length < 2) {
      <p class="muted">Two checkpoints are needed; the log signs a new one as events arrive.</p>
    }
    @if (choiceError()) {
      <p class="error-text" role="alert">{{ choiceError() }}</p>
    }
    @if (run(); as current) {
      <tt-check-result [run]="current" label="Consistency check" data-testid="consistency-result" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 4px;
    }
    .intro {
      margin: 0 0 12px;
    }
    .pick {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
    }
    .pick mat-form-field {
      flex: 1 1 140px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsistencyPanel {
  private readonly api = inject(TransparencyApi);
  /** The checkpoints to choose from, newest first. */
  readonly checkpoints = input.required<readonly AuditCheckpoint[]>();
  /** Defaults: the oldest loaded against the newest; a choice survives loading more. */
  protected readonly olderSize = linkedSignal<readonly AuditCheckpoint[], number | null>({
    source: this.checkpoints,
    computation: (list, previous) => kept(list, previous?.value) ?? list.at(-1)?.treeSize ?? null,
  });
  protected readonly newerSize = linkedSignal<readonly AuditCheckpoint[], number | null>({
    source: this.checkpoints,
    computation: (list, previous) => kept(list, previous?.value) ?? list[0]?.treeSize ?? null,
  });
  protected readonly run = signal<CheckRun | null>(null);
  protected readonly choiceError = signal('');
  protected readonly running = computed(() => this.run()?.verdict === 'running');

  protected readonly label = eventCount;

  protected sizeOf(event: Event): number {
    return Number((event.target as HTMLSelectElement).value);
  }

  protected async check(): Promise<void> {
    const find = (size: number | null) => this.checkpoints().find((c) => c.treeSize === size);
    const older = find(this.olderSize());
    const newer = find(this.newerSize());
    if (!older || !newer || older.treeSize >= newer.treeSize) {
      this.choiceError.set('Choose an older checkpoint that is smaller than the newer one.');
      return;
    }
    this.choiceError.set('');
    await checkCheckpointConsistency(this.api, older, newer, (run) => this.run.set(run));
  }
}
