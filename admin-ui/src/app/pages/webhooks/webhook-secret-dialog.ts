import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { SecretValue } from '../../components/secret-value/secret-value';

export interface WebhookSecretData {
  url: string;
  secret: string;
  /** After a rotation: until when the old secret signs beside the new one. */
  previousSecretExpiresAt?: string;
}

/** A signing secret, after subscribing or rotating: the only time it can be seen. */
@Component({
  selector: 'tt-webhook-secret-dialog',
  imports: [DatePipe, MatButtonModule, MatDialogModule, SecretValue],
  template: `
    <h2 mat-dialog-title>
      {{ data.previousSecretExpiresAt ? 'New signing secret' : 'Subscribed' }}
    </h2>
    <mat-dialog-content>
      <p class="small url">{{ data.url }}</p>
      <tt-secret-value [value]="data.secret" label="Signing secret" testId="webhook-secret">
        Your receiver needs it to check the <code>webhook-signature</code> of each delivery. If you
        lose it, rotate the secret.
      </tt-secret-value>
      @if (data.previousSecretExpiresAt; as until) {
        <p class="small" data-testid="rotation-note">
          Until {{ until | date: 'd MMM, HH:mm' }} every delivery carries two signatures, one with
          this secret and one with the old one, so your receiver keeps working while you change it.
          After that only this secret signs.
        </p>
      } @else {
        <p class="small">
          Deliveries start with the next matching event (Standard Webhooks signatures; see the
          webhooks guide for verifying them).
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>I have copied it</button>
    </mat-dialog-actions>
  `,
  styles: `
    .small {
      font: var(--mat-sys-body-small);
      margin: 8px 0 0;
    }
    .url {
      margin: 0 0 12px;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhookSecretDialog {
  protected readonly data = inject<WebhookSecretData>(MAT_DIALOG_DATA);
}
