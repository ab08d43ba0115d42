import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { type Problem, problemMessage } from '../../core/errors/problem';

/**
 * What went wrong with an action just taken on a list page (disable, pause, delete…): an alert
 * above the list with the problem's title and, when it says more, its detail. The caller's
 * element carries the test id.
 */
@Component({
  selector: 'tt-action-error',
  imports: [MatIconModule],
  host: { role: 'alert' },
  template: `
    <mat-icon svgIcon="error" aria-hidden="true" />
    <span
      ><strong>{{ problem().title }}</strong>
      @if (problem().detail && problem().detail !== problem().title) {
        — {{ message(problem()) }}
      }
    </span>
  `,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionError {
  readonly problem = input.required<Problem>();
  protected readonly message = problemMessage;
}
