import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { CreatedApiToken } from './account-api';

/** Shows a new token's value, the only time it can be seen, with a copy button. */
@Component({
  selector: 'tt-token-created-dialog',
  imports: [DatePipe, MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>Token “{{ token.name }}” created</h2>
    <mat-dialog-content>
      <div class="warning" role="note">
        <mat-icon svgIcon="warning" aria-hidden="true" />
        <p>
          <strong>Copy it now: you won't see it again.</strong>
          We store only a fingerprint of it. If you lose it, revoke it and create a new one.
        </p>
      </div>
      <label class="value-label" for="token-value">Token value</label>
      <div class="value-row">
        <textarea
          id="token-value"
          class="token-value"
          readonly
          rows="2"
          spellcheck="false"
          autocomplete="off"
          data-testid="token-value"
          [value]="token.token"
          (focus)="select($event)"
        ></textarea>
        <button mat-flat-button type="button" (click)="copy()">
          <mat-icon [svgIcon]="copied() ? 'check' : 'content_copy'" aria-hidden="true" />
          {{ copied() ? 'Copied' : 'Copy' }}
        </button>
      </div>
      <p class="muted small" role="status">{{ status() }}</p>
      <p class="muted small">
        Use it as a bearer token (<code>Authorization: Bearer …</code>). Scopes:
        {{ token.scopes.join(', ') }};
        @if (token.expiresAt) {
          expires {{ token.expiresAt | date: 'medium' }}.
        } @else {
          never expires.
        }
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>I have copied it</button>
    </mat-dialog-actions>
  `,
  styleUrls: ['../../components/dialog-form.scss', './account-dialogs.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TokenCreatedDialog {
  protected readonly token = inject<CreatedApiToken>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);
  protected readonly status = signal('');

  protected select(event: FocusEvent): void {
    (event.target as HTMLTextAreaElement).select();
  }

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.token.token);
      this.copied.set(true);
      this.status.set('Token copied to the clipboard.');
    } catch {
      this.status.set('Could not copy: select the value and copy it by hand.');
    }
  }
}
