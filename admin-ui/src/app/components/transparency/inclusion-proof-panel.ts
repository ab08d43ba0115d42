import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { Schema } from '@tasktrackr/sdk';
import { CheckResult } from './check-result';
import { proveEventInclusion } from './inclusion-check';
import type { CheckRun } from './proof-steps';
import { TransparencyApi } from './transparency-api';

/**
 * "Prove inclusion" for one audit event: fetches its RFC 9162 proof at the latest signed
 * checkpoint and verifies it in this browser (see inclusion-check.ts for what is checked).
 */
@Component({
  selector: 'tt-inclusion-proof-panel',
  imports: [CheckResult, MatButtonModule, MatIconModule],
  template: `
    <p class="muted intro">
      Checks here, in your browser, that this event is in the latest signed checkpoint of the log's
      Merkle tree: the checkpoint's signature, this event's hash and leaf hash recomputed from the
      fields above, and the audit path to the signed root.
    </p>
    <button
      mat-stroked-button
      type="button"
      data-testid="prove-inclusion"
      [disabled]="run()?.verdict === 'running'"
      (click)="prove()"
    >
      <mat-icon svgIcon="verified_user" aria-hidden="true" />
      Prove inclusion
    </button>
    @if (run(); as current) {
      <tt-check-result [run]="current" label="Inclusion proof" data-testid="inclusion-result" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .intro {
      margin: 0 0 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InclusionProofPanel {
  private readonly api = inject(TransparencyApi);
  readonly event = input.required<Schema<'AuditEvent'>>();
  protected readonly run = signal<CheckRun | null>(null);
  private generation = 0;

  constructor() {
    // Another event in the drawer: the previous result no longer applies.
    effect(() => {
      this.event();
      this.generation += 1;
      this.run.set(null);
    });
  }

  protected async prove(): Promise<void> {
    const generation = ++this.generation;
    await proveEventInclusion(this.api, this.event(), (run) => {
      if (generation === this.generation) this.run.set(run);
    });
  }
}
