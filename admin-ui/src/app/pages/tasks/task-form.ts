import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { fieldErrors, type Problem } from '../../core/errors/problem';
import {
  type CreateTask,
  TASK_LIMITS,
  type Task,
  type TaskPriority,
  type TaskStatus,
  type UpdateTask,
} from './task-model';

/** The create/edit form's value. */
export interface TaskFormValue {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** `yyyy-mm-dd` (a native date input), or '' for none. */
  due: string;
  labels: string[];
  assigneeId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Not only whitespace (the API counts characters; a blank title is no title). */
export const notBlank: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.length > 0 && control.value.trim() === ''
    ? { required: true }
    : null;

export const uuidOrEmpty: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value.trim() : '';
  return value === '' || UUID.test(value) ? null : { uuid: true };
};

/** The API's label rules: at most 20, each 1–40 characters, no duplicates. */
export const labelsValid: ValidatorFn = (control): ValidationErrors | null => {
  const labels = Array.isArray(control.value) ? (control.value as string[]) : [];
  if (labels.length > TASK_LIMITS.labelsMax) return { tooMany: true };
  if (labels.some((label) => label.length > TASK_LIMITS.labelMax)) return { labelTooLong: true };
  if (new Set(labels).size !== labels.length) return { duplicate: true };
  return null;
};

/** The client-side message for a control's first error (the server's own words come first). */
export function errorMessage(control: AbstractControl, label: string): string {
  const errors = control.errors ?? {};
  const server: unknown = errors['server'];
  if (typeof server === 'string') return server;
  if (errors['required']) return `${label} is required.`;
  const max = errors['maxlength'] as { requiredLength: number } | undefined;
  if (max) return `${label} must be at most ${max.requiredLength.toLocaleString()} characters.`;
  if (errors['uuid']) return 'Enter a user id (a UUID), or leave it empty.';
  if (errors['tooMany']) return `At most ${TASK_LIMITS.labelsMax} labels.`;
  if (errors['labelTooLong']) return `Each label is at most ${TASK_LIMITS.labelMax} characters.`;
  if (errors['duplicate']) return 'Each label only once.';
  return `${label} is not valid.`;
}

/** API field path → form control name, where they differ. */
const CONTROL_FOR_PATH: Readonly<Record<string, keyof TaskFormValue>> = { dueAt: 'due' };

/**
 * Puts the API's validation messages (`errors[].path`, e.g. `title`, `labels[3]`) on the
 * matching controls as a `server` error, so `<mat-error>` shows them and the field is invalid
 * for screen readers. Returns the messages no control took, for a form-level note.
 */
export function applyServerErrors(
  controls: Readonly<Record<string, AbstractControl>>,
  problem: Problem,
): string[] {
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors(problem))) {
    const root = path.split(/[.[]/)[0] ?? path;
    const control = controls[CONTROL_FOR_PATH[root] ?? root];
    if (!control) {
      unplaced.push(message);
      continue;
    }
    const existing: unknown = control.errors?.['server'];
    const text = typeof existing === 'string' ? `${existing} ${message}` : message;
    control.setErrors({ ...control.errors, server: text });
    control.markAsTouched();
  }
  return unplaced;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A due instant as the local calendar day a date input shows. */
export function dueDateInput(dueAt: string | null): string {
  if (!dueAt) return '';
  const date = new Date(dueAt);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A picked day means "due by the end of that day", in the person's time zone. */
export function dueAtFromInput(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  return new Date(year, month - 1, date, 23, 59, 59, 0).toISOString();
}

export function formValueOf(task: Task | null): TaskFormValue {
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    status: task?.status ?? 'todo',
    priority: task?.priority ?? 'medium',
    due: dueDateInput(task?.dueAt ?? null),
    labels: [...(task?.labels ?? [])],
    assigneeId: task?.assigneeId ?? '',
  };
}

export function createBody(value: TaskFormValue): CreateTask {
  const body: CreateTask = {
    title: value.title.trim(),
    description: value.description,
    status: value.status,
    priority: value.priority,
    labels: value.labels,
  };
  const dueAt = dueAtFromInput(value.due);
  if (dueAt) body.dueAt = dueAt;
  if (value.assigneeId.trim()) body.assigneeId = value.assigneeId.trim();
  return body;
}

/** Only what changed (a PATCH), so an overwrite after a conflict re-sends only my edits. */
export function changesFrom(task: Task, value: TaskFormValue): UpdateTask {
  const patch: UpdateTask = {};
  const title = value.title.trim();
  if (title !== task.title) patch.title = title;
  if (value.description !== task.description) patch.description = value.description;
  if (value.status !== task.status) patch.status = value.status;
  if (value.priority !== task.priority) patch.priority = value.priority;
  if (value.due !== dueDateInput(task.dueAt)) patch.dueAt = dueAtFromInput(value.due);
  if (JSON.stringify(value.labels) !== JSON.stringify(task.labels)) patch.labels = value.labels;
  const assigneeId = value.assigneeId.trim() || null;
  if (assigneeId !== task.assigneeId) patch.assigneeId = assigneeId;
  return patch;
}

/** An Idempotency-Key; `randomUUID` needs a secure context, a LAN address over http is not. */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
