import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { type MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Auth } from '../../core/auth/auth';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import {
  applyServerErrors,
  changesFrom,
  createBody,
  errorMessage,
  formValueOf,
  labelsValid,
  newIdempotencyKey,
  notBlank,
  type TaskFormValue,
  uuidOrEmpty,
} from './task-form';
import {
  PRIORITY_LABELS,
  STATUS_LABELS,
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
} from './task-model';
import { TaskWriter } from './task-writer';
import { TasksApi } from './tasks-api';

/** What the dialog edits: null to create a task. */
export interface TaskDialogData {
  task: Task | null;
}

/**
 * How it closed: `created`/`saved` with the server's task; `reloaded` when a conflict was
 * resolved by taking the other person's version (null if it was deleted meanwhile).
 */
export type TaskDialogResult =
  { kind: 'created' | 'saved'; task: Task } | { kind: 'reloaded'; task: Task | null };

/** Create or edit a task; shows the API's validation messages on the fields they concern. */
@Component({
  selector: 'tt-task-dialog',
  imports: [
    MatButtonModule,
    MatChipsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  templateUrl: './task-dialog.html',
  styleUrl: './task-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskDialog {
  private readonly data = inject<TaskDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<TaskDialog, TaskDialogResult>>(MatDialogRef);
  private readonly api = inject(TasksApi);
  private readonly writer = inject(TaskWriter);
  protected readonly network = inject(NetworkStatus);
  protected readonly me = inject(Auth).user;

  protected readonly editing = this.data.task;
  protected readonly limits = TASK_LIMITS;
  protected readonly statuses = TASK_STATUSES;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly separatorKeys = [ENTER, COMMA] as const;
  /** One key per dialog: a double submit (or a retry after a lost answer) creates one task. */
  private readonly idempotencyKey = newIdempotencyKey();

  private readonly fb = inject(FormBuilder).nonNullable;
  private readonly initial: TaskFormValue = formValueOf(this.data.task);
  protected readonly form = this.fb.group({
    title: [
      this.initial.title,
      [Validators.required, Validators.maxLength(TASK_LIMITS.titleMax), notBlank],
    ],
    description: [this.initial.description, Validators.maxLength(TASK_LIMITS.descriptionMax)],
    status: this.fb.control<TaskFormValue['status']>(this.initial.status),
    priority: this.fb.control<TaskFormValue['priority']>(this.initial.priority),
    due: [this.initial.due],
    labels: this.fb.control<string[]>(this.initial.labels, labelsValid),
    assigneeId: [this.initial.assigneeId, uuidOrEmpty],
  });
  protected readonly controls = this.form.controls;
  protected readonly labels = toSignal(this.controls.labels.valueChanges, {
    initialValue: this.initial.labels,
  });
  protected readonly description = toSignal(this.controls.description.valueChanges, {
    initialValue: this.initial.description,
  });

  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Server messages that name no field of the form (or none at all). */
  protected readonly formErrors = signal<string[]>([]);
  /** Bumped when server errors land on controls, so the view re-reads their state. */
  private readonly errorsShown = signal(0);
  protected readonly canSubmit = computed(() => this.network.online() && !this.busy());

  protected error(control: AbstractControl, label: string): string {
    this.errorsShown();
    return errorMessage(control, label);
  }

  protected addLabel(event: MatChipInputEvent): void {
    const label = event.value.trim();
    event.chipInput.clear();
    if (!label) return;
    const labels = this.controls.labels.value;
    if (labels.includes(label)) return;
    this.controls.labels.setValue([...labels, label]);
    this.controls.labels.markAsTouched();
  }

  protected removeLabel(label: string): void {
    this.controls.labels.setValue(this.controls.labels.value.filter((item) => item !== label));
    this.controls.labels.markAsTouched();
  }

  protected assignToMe(): void {
    const me = this.me();
    if (me) this.controls.assigneeId.setValue(me.id);
  }

  protected async submit(): Promise<void> {
    if (!this.canSubmit()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.errorsShown.update((n) => n + 1);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.formErrors.set([]);
    this.ref.disableClose = true;
    try {
      const value = this.form.getRawValue();
      const task = this.data.task;
      if (!task) {
        const created = await this.api.create(createBody(value), this.idempotencyKey);
        this.ref.close({ kind: 'created', task: created });
        return;
      }
      const patch = changesFrom(task, value);
      if (Object.keys(patch).length === 0) {
        this.ref.close({ kind: 'saved', task });
        return;
      }
      const result = await this.writer.update(task, patch);
      this.ref.close(
        result.outcome === 'saved'
          ? { kind: 'saved', task: result.task }
          : { kind: 'reloaded', task: result.task },
      );
    } catch (error) {
      this.showProblem(toProblem(error));
    } finally {
      this.busy.set(false);
      this.ref.disableClose = false;
    }
  }

  private showProblem(problem: Problem): void {
    const unplaced = applyServerErrors(this.controls, problem);
    this.problem.set(problem);
    this.formErrors.set(problem.errors?.length ? unplaced : [problemMessage(problem)]);
    this.errorsShown.update((n) => n + 1);
  }
}

/** Opens the create (task null) or edit dialog; resolves with how it closed, if saved. */
export async function openTaskDialog(
  dialog: MatDialog,
  task: Task | null,
): Promise<TaskDialogResult | undefined> {
  const ref = dialog.open<TaskDialog, TaskDialogData, TaskDialogResult>(TaskDialog, {
    data: { task },
    width: '640px',
    maxWidth: '100vw',
    autoFocus: 'first-tabbable',
    panelClass: 'tt-task-dialog',
  });
  return firstValueFrom(ref.afterClosed());
}
