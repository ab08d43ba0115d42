import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { urlRefusalHelp } from '../../components/outbound-url/url-refusal-help';
import { ProblemMessage } from '../../components/problem-message/problem-message';
import { type Problem, toProblem } from '../../core/errors/problem';
import { applyServerErrors, serverError } from '../../core/errors/server-errors';
import { NetworkStatus } from '../../core/offline/network-status';
import {
  type AuditStream,
  type AuditStreamFormat,
  type AuditStreamKind,
  AuditStreamsApi,
  type AuditStreamStart,
} from './audit-streams-api';
import {
  FILE_NAME_PATTERN,
  fieldsFor,
  type StreamFormValue,
  toNewAuditStream,
  STREAM_REFUSAL_WORDING,
} from './stream-form';
import { FORMAT_LABELS, KIND_LABELS } from './stream-state';

const KINDS: readonly AuditStreamKind[] = ['splunk-hec', 'http-json', 'file'];
const FORMATS: readonly AuditStreamFormat[] = ['jsonl', 'ocsf'];

/** A new audit stream: where to (kind, URL or file), in which format, from when. */
@Component({
  selector: 'tt-create-stream-dialog',
  imports: [
    ProblemMessage,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  templateUrl: './create-stream-dialog.html',
  styleUrls: ['../../components/dialog-form.scss', './create-stream-dialog.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Dialogs render in the overlay, outside the shell that sets this for pages.
  providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
})
export class CreateStreamDialog {
  private readonly streamsApi = inject(AuditStreamsApi);
  private readonly ref = inject<MatDialogRef<CreateStreamDialog, AuditStream>>(MatDialogRef);
  protected readonly network = inject(NetworkStatus);
  protected readonly kinds = KINDS;
  protected readonly formats = FORMATS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly formatLabels = FORMAT_LABELS;

  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(100), Validators.pattern(/\S/)]],
    kind: this.fb.control<AuditStreamKind>('splunk-hec'),
    format: this.fb.control<AuditStreamFormat>('ocsf'),
    url: ['', [Validators.required, Validators.maxLength(2048)]],
    fileName: ['', [Validators.required, Validators.pattern(FILE_NAME_PATTERN)]],
    secret: ['', [Validators.maxLength(512)]],
    startAt: this.fb.control<AuditStreamStart>('beginning'),
  });
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });
  protected readonly fields = computed(() => fieldsFor(this.kind()));
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Why the server refused the URL, shown under the field while its server error stands. */
  protected readonly urlHelp = signal<string | null>(null);
  protected readonly serverError = serverError;

  constructor() {
    this.applyKind(this.form.controls.kind.value);
    this.form.controls.kind.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((kind) => this.applyKind(kind));
    this.form.controls.url.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.urlHelp.set(null);
    });
  }

  /** Only the kind's own fields take part in validation (and in the request). */
  private applyKind(kind: AuditStreamKind): void {
    const fields = fieldsFor(kind);
    const { url, fileName, secret } = this.form.controls;
    if (fields.url) url.enable();
    else url.disable();
    if (fields.fileName) fileName.enable();
    else fileName.disable();
    if (fields.secret === 'none') secret.disable();
    else secret.enable();
    secret.setValidators(
      fields.secret === 'required'
        ? [Validators.required, Validators.maxLength(512)]
        : [Validators.maxLength(512)],
    );
    secret.updateValueAndValidity();
    this.urlHelp.set(null);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value: StreamFormValue = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.ref.close(await this.streamsApi.create(toNewAuditStream(value)));
    } catch (error) {
      const problem = toProblem(error);
      const rest = applyServerErrors(this.form.controls, problem);
      const urlMessage = serverError(this.form.controls.url);
      this.urlHelp.set(urlMessage ? urlRefusalHelp(urlMessage, STREAM_REFUSAL_WORDING) : null);
      if (!problem.errors?.length || rest.length) this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
