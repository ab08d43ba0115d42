import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

let nextId = 0;

/**
 * A secret shown the only time it can be seen (an API token, a webhook signing secret): a
 * clear warning, the value read-only and selected on focus, and a copy button that says
 * whether copying worked.
 */
@Component({
  selector: 'tt-secret-value',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="warning" role="note">
      <mat-icon svgIcon="warning" aria-hidden="true" />
      <p>
        <strong>Copy it now: you won't see it again.</strong>
        <ng-content />
      </p>
    </div>
    <label class="value-label" [for]="fieldId">{{ label() }}</label>
    <div class="value-row">
      <textarea
        [id]="fieldId"
        class="secret-value"
        readonly
        rows="2"
        spellcheck="false"
        autocomplete="off"
        [attr.data-testid]="testId()"
        [value]="value()"
        (focus)="select($event)"
      ></textarea>
      <button mat-flat-button type="button" (click)="copy()">
        <mat-icon [svgIcon]="copied() ? 'check' : 'content_copy'" aria-hidden="true" />
        {{ copied() ? 'Copied' : 'Copy' }}
      </button>
    </div>
    <p class="status" role="status">{{ status() }}</p>
  `,
  styleUrl: './secret-value.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecretValue {
  readonly value = input.required<string>();
  readonly label = input.required<string>();
  readonly testId = input('secret-value');
  protected readonly fieldId = `tt-secret-value-${nextId++}`;
  protected readonly copied = signal(false);
  protected readonly status = signal('');

  protected select(event: FocusEvent): void {
    (event.target as HTMLTextAreaElement).select();
  }

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value());
      this.copied.set(true);
      this.status.set(`${this.label()} copied to the clipboard.`);
    } catch {
      this.status.set('Could not copy: select the value and copy it by hand.');
    }
  }
}
