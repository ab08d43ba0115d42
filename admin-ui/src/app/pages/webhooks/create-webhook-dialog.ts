import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { urlRefusalHelp } from '../../components/outbound-url/url-refusal-help';
import { ProblemMessage } from '../../components/problem-message/problem-message';
import { type Problem, toProblem } from '../../core/errors/problem';
import { applyServerErrors, serverError } from '../../core/errors/server-errors';
import { NetworkStatus } from '../../core/offline/network-status';
import { eventTypeChoices, toNewWebhook, WEBHOOK_REFUSAL_WORDING } from './webhook-form';
import { type CreatedWebhookSubscription, WebhooksApi } from './webhooks-api';

export interface CreateWebhookData {
  /** Admins may subscribe to `user.*`. */
  isAdmin: boolean;
}

function someTicked(control: AbstractControl): ValidationErrors | null {
  const ticked = control.value as boolean[];
  return ticked.some(Boolean) ? null : { required: true };
}

/** A new subscription: the receiver's URL and the events it wants. */
@Component({
  selector: 'tt-create-webhook-dialog',
  imports: [
    ProblemMessage,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  templateUrl: './create-webhook-dialog.html',
  styleUrls: ['../../components/dialog-form.scss', './create-webhook-dialog.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Dialogs render in the overlay, outside the shell that sets this for pages.
  providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
})
export class CreateWebhookDialog {
  private readonly webhooksApi = inject(WebhooksApi);
  private readonly ref =
    inject<MatDialogRef<CreateWebhookDialog, CreatedWebhookSubscription>>(MatDialogRef);
  protected readonly network = inject(NetworkStatus);
  protected readonly choices = eventTypeChoices(inject<CreateWebhookData>(MAT_DIALOG_DATA).isAdmin);

  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    url: ['', [Validators.required, Validators.maxLength(2048)]],
    description: ['', [Validators.maxLength(200)]],
    // Named like the API's field, so a 400 or 403 naming `eventTypes` lands here.
    eventTypes: this.fb.array(
      this.choices.map((choice) => choice.type === 'task.created'),
      { validators: someTicked },
    ),
  });
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Why the server refused the URL, shown under the field while its server error stands. */
  protected readonly urlHelp = signal<string | null>(null);
  protected readonly serverError = serverError;

  constructor() {
    this.form.controls.url.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.urlHelp.set(null);
    });
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.ref.close(
        await this.webhooksApi.create(
          toNewWebhook(this.choices, {
            url: this.form.controls.url.value,
            description: this.form.controls.description.value,
            ticked: this.form.controls.eventTypes.getRawValue(),
          }),
        ),
      );
    } catch (error) {
      const problem = toProblem(error);
      const rest = applyServerErrors(this.form.controls, problem);
      const urlMessage = serverError(this.form.controls.url);
      this.urlHelp.set(urlMessage ? urlRefusalHelp(urlMessage, WEBHOOK_REFUSAL_WORDING) : null);
      if (!problem.errors?.length || rest.length) this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
