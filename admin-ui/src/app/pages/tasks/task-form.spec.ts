import { FormControl, FormGroup } from '@angular/forms';
import type { Problem } from '../../core/errors/problem';
import {
  applyServerErrors,
  changesFrom,
  createBody,
  dueAtFromInput,
  dueDateInput,
  errorMessage,
  formValueOf,
  labelsValid,
  newIdempotencyKey,
} from './task-form';
import type { Task } from './task-model';

const task: Task = {
  id: '0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10',
  title: 'Prepare the Q4 report',
  description: 'Numbers from finance',
  status: 'todo',
  priority: 'medium',
  dueAt: null,
  assigneeId: null,
  labels: ['finance'],
  ownerId: '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  completedAt: null,
  version: 3,
};

describe('task form', () => {
  it('puts each message of the API validation problem on its field', () => {
    // The shape the API sends for POST /tasks with a bad title, labels and an unknown assignee.
    const problem: Problem = {
      type: 'https://tasktrackr.dev/problems/validation-error',
      title: 'Your request is not valid',
      status: 400,
      detail: '4 fields failed validation',
      instance: '/api/v1/tasks',
      requestId: '5f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
      errors: [
        { path: 'title', message: 'title must be longer than or equal to 1 characters' },
        { path: 'labels', message: 'labels must contain no more than 20 elements' },
        { path: 'dueAt', message: 'dueAt must be an ISO 8601 date-time' },
        { path: 'assigneeId', message: 'assigneeId does not name a user' },
        { path: 'header.Idempotency-Key', message: 'must be 1–255 visible ASCII characters' },
      ],
    };
    const form = new FormGroup({
      title: new FormControl(''),
      labels: new FormControl<string[]>([]),
      due: new FormControl(''),
      assigneeId: new FormControl(''),
    });
    const unplaced = applyServerErrors(form.controls, problem);

    expect(errorMessage(form.controls.title, 'Title')).toBe(
      'title must be longer than or equal to 1 characters',
    );
    expect(errorMessage(form.controls.labels, 'Labels')).toBe(
      'labels must contain no more than 20 elements',
    );
    // The API's dueAt is the form's date field.
    expect(errorMessage(form.controls.due, 'Due')).toBe('dueAt must be an ISO 8601 date-time');
    expect(form.controls.assigneeId.errors).toEqual({ server: 'assigneeId does not name a user' });
    expect(form.controls.assigneeId.touched).toBe(true);
    expect(unplaced).toEqual(['must be 1–255 visible ASCII characters']);

    // Editing the field clears the server's verdict (validators run again).
    form.controls.assigneeId.setValue('');
    expect(form.controls.assigneeId.errors).toBeNull();
  });

  it('maps indexed paths (labels[3]) to the list control', () => {
    const labels = new FormControl<string[]>([]);
    applyServerErrors(
      { labels },
      {
        type: 'about:blank',
        title: 'Your request is not valid',
        status: 400,
        errors: [{ path: 'labels[3]', message: 'each value in labels must be shorter' }],
      },
    );
    expect(labels.errors).toEqual({ server: 'each value in labels must be shorter' });
  });

  it('mirrors the API label limits', () => {
    const control = (labels: string[]) => new FormControl(labels, labelsValid);
    expect(control(['a', 'b']).valid).toBe(true);
    expect(control(Array.from({ length: 21 }, (_, i) => `l${i}`)).errors).toEqual({
      tooMany: true,
    });
    expect(control(['x'.repeat(41)]).errors).toEqual({ labelTooLong: true });
    expect(control(['a', 'a']).errors).toEqual({ duplicate: true });
  });

  it('turns a picked day into the end of that local day, and back', () => {
    const iso = dueAtFromInput('2026-12-24');
    expect(iso).not.toBeNull();
    const date = new Date(iso!);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([
      2026, 11, 24, 23,
    ]);
    expect(dueDateInput(iso)).toBe('2026-12-24');
    expect(dueAtFromInput('')).toBeNull();
  });

  it('sends only the changed fields on edit, with null to clear', () => {
    const withDue = { ...task, dueAt: dueAtFromInput('2026-12-24'), assigneeId: task.ownerId };
    const value = {
      ...formValueOf(withDue),
      title: '  Prepare the Q4 report (final) ',
      due: '',
      assigneeId: '',
    };
    expect(changesFrom(withDue, value)).toEqual({
      title: 'Prepare the Q4 report (final)',
      dueAt: null,
      assigneeId: null,
    });
    expect(changesFrom(task, formValueOf(task))).toEqual({});
  });

  it('builds the create body without empty optional fields', () => {
    expect(createBody({ ...formValueOf(null), title: ' Ship it ' })).toEqual({
      title: 'Ship it',
      description: '',
      status: 'todo',
      priority: 'medium',
      labels: [],
    });
  });

  it('mints RFC 4122 v4 idempotency keys', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
