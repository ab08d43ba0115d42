import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * A list page's heading row: the h1 (its id labels the page's section), then the page's own
 * controls, then Refresh, then the page's main action. Content marked `ttBeforeRefresh` goes
 * before Refresh (a toggle), other content after it (a "New …" button).
 */
@Component({
  selector: 'tt-refresh-heading',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <h1 [id]="headingId()">{{ heading() }}</h1>
    <span class="spacer"></span>
    <ng-content select="[ttBeforeRefresh]" />
    <button
      mat-stroked-button
      type="button"
      data-testid="refresh"
      [disabled]="refreshing()"
      (click)="refresh.emit()"
    >
      <mat-icon svgIcon="refresh" aria-hidden="true" />
      Refresh
    </button>
    <ng-content />
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
    }
    h1 {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RefreshHeading {
  readonly heading = input.required<string>();
  readonly headingId = input.required<string>();
  /** A refresh is running: the button waits for it. */
  readonly refreshing = input(false);
  readonly refresh = output();
}
