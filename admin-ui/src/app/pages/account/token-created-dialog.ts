import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { SecretValue } from '../../components/secret-value/secret-value';
import type { CreatedApiToken } from './account-api';

/** Shows a new token's value, the only time it can be seen, with a copy button. */
@Component({
  selector: 'tt-token-created-dialog',
  imports: [DatePipe, MatButtonModule, MatDialogModule, SecretValue],
  template: `
    <h2 mat-dialog-title>Token “{{ token.name }}” created</h2>
    <mat-dialog-content>
      <tt-secret-value [value]="token.token" label="Token value" testId="token-value">
        We store only a fingerprint of it. If you lose it, revoke it and create a new one.
      </tt-secret-value>
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
}
