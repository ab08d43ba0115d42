import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { registerIcons } from '../../core/icons/icons';
import { openTaskDialog } from './task-dialog';
import type { Task } from './task-model';
import { jsonResponse } from '../../core/testing/api-responses';

const task: Task = {
  id: '0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10',
  title: 'Prepare the Q4 report',
  description: '',
  status: 'todo',
  priority: 'medium',
  dueAt: null,
  assigneeId: null,
  labels: [],
  ownerId: '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  completedAt: null,
  version: 1,
};

/** The API's answer to an assignee id that names no user (a check only the server can make). */
const ASSIGNEE_PROBLEM = {
  type: 'https://tasktrackr.dev/problems/validation-error',
  title: 'Your request is not valid',
  status: 400,
  detail: 'assigneeId does not name a user',
  instance: '/api/v1/tasks',
  requestId: '5f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
  errors: [{ path: 'assigneeId', message: 'assigneeId does not name a user' }],
};

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await TestBed.inject(ApplicationRef).whenStable();
  }
}

function field(label: string): HTMLInputElement {
  const labelEl = [...document.querySelectorAll('mat-label')].find(
    (el) => el.textContent?.trim() === label,
  );
  const formField = labelEl?.closest('mat-form-field');
  const input = formField?.querySelector<HTMLInputElement>('input, textarea');
  if (!input) throw new Error(`no field labelled ${label}`);
  return input;
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

function saveButton(): HTMLButtonElement {
  return document.querySelector<HTMLButtonElement>('[data-testid="task-save"]')!;
}

describe('TaskDialog', { timeout: 20_000 }, () => {
  let requests: Request[];
  let answers: Response[];

  beforeEach(() => {
    requests = [];
    answers = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        requests.push(new Request(input, init));
        const answer = answers.shift();
        if (!answer) throw new TypeError('no answer scripted');
        return answer;
      }),
    );
    TestBed.runInInjectionContext(() => registerIcons());
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    vi.unstubAllGlobals();
  });

  it('shows the API validation problem on the field it names, and keeps one Idempotency-Key', async () => {
    const closed = openTaskDialog(TestBed.inject(MatDialog), null);
    await settle();
    type(field('Title'), 'Ship the release');
    type(field('Assignee id'), '11111111-2222-4333-8444-555555555555');
    await settle();

    answers.push(jsonResponse(400, ASSIGNEE_PROBLEM));
    saveButton().click();
    await settle();

    expect(requests).toHaveLength(1);
    const first = requests[0];
    expect(first.method).toBe('POST');
    expect(new URL(first.url).pathname).toBe('/api/v1/tasks');
    expect(await first.json()).toEqual({
      title: 'Ship the release',
      description: '',
      status: 'todo',
      priority: 'medium',
      labels: [],
      assigneeId: '11111111-2222-4333-8444-555555555555',
    });
    const error = document.querySelector('[data-testid="assignee-error"]');
    expect(error?.textContent?.trim()).toBe('assigneeId does not name a user');
    expect(field('Assignee id').getAttribute('aria-invalid')).toBe('true');
    // Placed on its field, so no form-level repeat of the same words.
    expect(document.querySelector('[data-testid="task-form-error"]')).toBeNull();

    // Fixing the field and saving again: same key (a lost answer would be replayed, not doubled).
    type(field('Assignee id'), '');
    await settle();
    answers.push(
      jsonResponse(201, { ...task, title: 'Ship the release' }, { ETag: `"${task.id}:1"` }),
    );
    saveButton().click();
    await settle();
    expect(requests).toHaveLength(2);
    const key = first.headers.get('idempotency-key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[1].headers.get('idempotency-key')).toBe(key);
    await expect(closed).resolves.toEqual({
      kind: 'created',
      task: { ...task, title: 'Ship the release' },
    });
  });

  it('refuses an over-long title before asking the server', async () => {
    void openTaskDialog(TestBed.inject(MatDialog), null);
    await settle();
    type(field('Title'), 'x'.repeat(201));
    saveButton().click();
    await settle();
    expect(requests).toHaveLength(0);
    expect(document.querySelector('[data-testid="title-error"]')?.textContent?.trim()).toBe(
      'Title must be at most 200 characters.',
    );
  });

  it('edits with If-Match and, on a 412, overwrites with the current version once asked', async () => {
    const closed = openTaskDialog(TestBed.inject(MatDialog), task);
    await settle();
    type(field('Title'), 'Mine');
    await settle();

    const theirs = { ...task, title: 'Theirs', version: 2 };
    answers.push(
      jsonResponse(412, {
        type: 'https://tasktrackr.dev/problems/precondition-failed',
        title: 'The task has changed',
        status: 412,
        detail: 'If-Match does not name the current version (2); fetch the task and retry.',
        currentVersion: 2,
        currentETag: `"${task.id}:2"`,
      }),
      jsonResponse(200, theirs, { ETag: `"${task.id}:2"` }),
    );
    saveButton().click();
    await settle();

    expect(requests.map((r) => [r.method, r.headers.get('if-match')])).toEqual([
      ['PATCH', `"${task.id}:1"`],
      ['GET', null],
    ]);
    expect(await requests[0].json()).toEqual({ title: 'Mine' });
    const dialogText = document.querySelector('tt-conflict-dialog')?.textContent ?? '';
    expect(dialogText).toContain('Someone else changed this task');
    expect(dialogText).toContain('Theirs');

    answers.push(jsonResponse(200, { ...task, title: 'Mine', version: 3 }));
    document.querySelector<HTMLButtonElement>('[data-testid="conflict-overwrite"]')!.click();
    // The conflict dialog's close animation ends before its choice is acted on.
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    expect(requests[2].method).toBe('PATCH');
    expect(requests[2].headers.get('if-match')).toBe(`"${task.id}:2"`);
    expect(await requests[2].json()).toEqual({ title: 'Mine' });
    await expect(closed).resolves.toEqual({
      kind: 'saved',
      task: { ...task, title: 'Mine', version: 3 },
    });
  });

  it('on Reload discards my change and hands back their version', async () => {
    const closed = openTaskDialog(TestBed.inject(MatDialog), task);
    await settle();
    type(field('Title'), 'Mine');
    await settle();
    const theirs = { ...task, title: 'Theirs', version: 2 };
    answers.push(
      jsonResponse(412, {
        type: 'https://tasktrackr.dev/problems/precondition-failed',
        title: 'The task has changed',
        status: 412,
        currentVersion: 2,
        currentETag: `"${task.id}:2"`,
      }),
      jsonResponse(200, theirs),
    );
    saveButton().click();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid="conflict-reload"]')!.click();
    await settle();
    expect(requests).toHaveLength(2);
    await expect(closed).resolves.toEqual({ kind: 'reloaded', task: theirs });
  });
});
