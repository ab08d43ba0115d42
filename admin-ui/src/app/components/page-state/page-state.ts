import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type Problem, problemMessage } from '../../core/errors/problem';

/**
 * The three states every screen has besides its content: loading, error (the problem's own
 * words, with a retry), and empty. Shows its content only when none of them applies.
 */
@Component({
  selector: 'tt-page-state',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + what()" />
    }
    @if (error(); as problem) {
      <div class="state error" role="alert" data-testid="page-error">
        <mat-icon svgIcon="error" aria-hidden="true" />
        <div>
          <strong>{{ problem.title }}</strong>
          @if (problem.detail && problem.detail !== problem.title) {
            <div>{{ message(problem) }}</div>
          }
        </div>
        <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
      </div>
    } @else if (empty() && !loading()) {
      <div class="state empty" role="status" data-testid="page-empty">
        <span>{{ emptyText() }}</span>
        <ng-content select="[empty-action]" />
      </div>
    } @else {
      <ng-content />
    }
  `,
  styles: `
    .state {
      display: flex;
      gap: 12px;
      align-items: center;
      flex-wrap: wrap;
      padding: 24px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .error {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageState {
  readonly loading = input(false);
  readonly error = input<Problem | null>(null);
  readonly empty = input(false);
  readonly emptyText = input('Nothing here yet.');
  /** What is loading, for screen readers. */
  readonly what = input('content');
  readonly retry = output<void>();

  protected message(problem: Problem): string {
    return problemMessage(problem);
  }
}
