import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CheckRun, StepState } from './proof-steps';

const STATE_TEXT: Record<StepState, string> = {
  pending: 'Not yet',
  running: 'Checking',
  ok: 'Verified',
  failed: 'Failed',
};

/** A browser-side check as it runs: progress, each step with what it found, and the verdict. */
@Component({
  selector: 'tt-check-result',
  imports: [MatIconModule, MatProgressBarModule],
  template: `
    @let r = run();
    @if (r.verdict === 'running') {
      <mat-progress-bar
        mode="determinate"
        [value]="r.percent"
        [attr.aria-label]="label() + ': progress'"
        data-testid="check-progress"
      />
    }
    <ol class="steps" [attr.aria-label]="label() + ': steps'">
      @for (step of r.steps; track $index) {
        <li [attr.data-state]="step.state">
          <span class="state" [class]="step.state">{{ stateText[step.state] }}</span>
          <span class="label">{{ step.label }}</span>
          @if (step.detail) {
            <span class="detail mono">{{ step.detail }}</span>
          }
        </li>
      }
    </ol>
    <div role="status" aria-live="polite">
      @if (r.verdict !== 'running') {
        <p
          class="verdict"
          [class.pass]="r.verdict === 'pass'"
          [class.fail]="r.verdict !== 'pass'"
          data-testid="check-verdict"
          [attr.data-verdict]="r.verdict"
        >
          <mat-icon
            [svgIcon]="r.verdict === 'pass' ? 'verified_user' : 'warning'"
            aria-hidden="true"
          />
          <span>{{ r.message }}</span>
        </p>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .steps {
      list-style: none;
      margin: 8px 0;
      padding: 0;
      display: grid;
      gap: 6px;
    }
    .steps li {
      display: grid;
      grid-template-columns: 5.5em minmax(0, 1fr);
      gap: 0 8px;
    }
    .detail {
      grid-column: 2;
      color: var(--mat-sys-on-surface-variant);
    }
    .state {
      font-weight: 500;
      color: var(--mat-sys-on-surface-variant);
    }
    .state.ok {
      color: var(--mat-sys-primary);
    }
    .state.failed {
      color: var(--mat-sys-error);
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.85em;
      overflow-wrap: anywhere;
    }
    .verdict {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 8px 0 0;
      padding: 12px;
      border-radius: 12px;
    }
    .verdict mat-icon {
      flex: 0 0 auto;
    }
    .pass {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .fail {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckResult {
  readonly run = input.required<CheckRun>();
  /** Names the check for assistive technology ("Consistency check"). */
  readonly label = input('Check');
  protected readonly stateText = STATE_TEXT;
}
