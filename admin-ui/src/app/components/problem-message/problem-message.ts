import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Problem } from '../../core/errors/problem';

/**
 * A problem as dialogs show it: the title in bold, then the detail when it says more. The
 * caller's element carries the role and test id, so each dialog keeps its own.
 */
@Component({
  selector: 'tt-problem-message',
  template: `
    <strong>{{ problem().title }}</strong>
    @if (problem().detail && problem().detail !== problem().title) {
      <br />{{ problem().detail }}
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemMessage {
  readonly problem = input.required<Problem>();
}
