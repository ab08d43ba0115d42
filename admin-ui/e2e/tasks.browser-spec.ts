import { randomUUID } from 'node:crypto';
import type { Schema, TaskTrackrClient } from '@tasktrackr/sdk';
import type { Locator, Page } from 'playwright-core';
import { dialogOpened } from './support/dialogs';
import { checkScreen, screenshot } from './support/page-checks';
import { newPage, signedIn } from './support/session';
import type { UiApp } from './support/ui-app';
import { uiSuite } from './support/ui-suite';

/**
 * The task list's row for a task title (exact title in the title link). Not by role: a modal
 * dialog hides the page from the accessibility tree, and the row would seem gone.
 */
function row(page: Page, title: string): Locator {
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page
    .getByTestId('task-table')
    .locator('tr')
    .filter({ has: page.getByTestId('task-link').filter({ hasText: exact }) });
}

async function listedTitles(page: Page): Promise<string[]> {
  return page.getByTestId('task-link').allTextContents();
}

/** Waits for the list to settle on exactly `titles` (in any order). */
async function expectListed(page: Page, titles: string[]): Promise<void> {
  const want = [...titles].sort();
  await eventually(
    async () => (await listedTitles(page)).map((title) => title.trim()).sort(),
    (listed) => expect(listed).toEqual(want),
  );
}

/**
 * Opens a mat-select from the keyboard (as its label overlays it) and clicks an option. On a
 * loaded machine the first Enter can land while a dialog is still animating open and be lost,
 * so it tries again until the panel shows (never pressing twice on an open panel).
 */
async function pickOption(page: Page, trigger: Locator, option: string): Promise<void> {
  const target = page.getByRole('option', { name: option, exact: true });
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await trigger.focus();
    await trigger.press('Enter');
    const opened = await target
      .waitFor({ state: 'visible', timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (opened) break;
  }
  await target.click();
}

async function apiLogin(app: UiApp, email: string, password: string): Promise<TaskTrackrClient> {
  const { data } = await app.sdk.POST('/api/v1/auth/login', { body: { email, password } });
  if (!data) throw new Error('could not sign in through the SDK');
  return app.client(data.accessToken);
}

async function serverTask(client: TaskTrackrClient, id: string) {
  return client.GET('/api/v1/tasks/{id}', { params: { path: { id } } });
}

async function createThroughSdk(client: TaskTrackrClient, body: Schema<'CreateTask'>) {
  const { data } = await client.POST('/api/v1/tasks', { body });
  if (!data) throw new Error('could not create a task');
  return data;
}

/** Screenshot + axe once Material's enter animations (dialogs, errors) have finished. */
async function checkSettled(page: Page, name: string): Promise<void> {
  await settle(page);
  await checkScreen(page, name);
}

/** Lets finite animations (dialog and error enter transitions) finish. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await page.waitForTimeout(200);
}

/** Re-reads `read` until `check` passes (or the timeout ends with its last failure). */
async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => void,
  timeout = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('admin UI: tasks', () => {
  const ui = uiSuite();

  it('lets a new user sign up, then create, filter, edit, delete and undo', async () => {
    const { context, page } = await newPage(ui.browser);
    const email = `tasks-${randomUUID()}@example.com`;
    const password = 'correct horse battery staple';
    await page.goto(`${ui.app.uiUrl}/register`);
    await page.getByLabel('Name').fill('Tess Tasker');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${ui.app.uiUrl}/`);
    const sdk = await apiLogin(ui.app, email, password);

    await page.getByRole('link', { name: 'Tasks' }).first().click();
    await page.waitForURL(`${ui.app.uiUrl}/tasks`);
    await expect(page.getByTestId('page-empty').textContent()).resolves.toContain('No tasks yet');
    await page
      .getByTestId('live-state')
      .filter({ hasText: /^\s*Live\s*$/ })
      .waitFor();

    // Create through the dialog; first with an assignee that is no user: the server's 400
    // lands on that field.
    await page.getByTestId('new-task').click();
    await dialogOpened(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Prepare the Q4 report');
    await dialog.getByLabel('Description').fill('Numbers from finance, charts from BI.');
    await pickOption(page, dialog.getByRole('combobox', { name: 'Priority' }), 'High');
    await dialog.getByLabel('Due date').fill('2020-01-15');
    await dialog.getByTestId('label-input').fill('finance');
    await dialog.getByTestId('label-input').press('Enter');
    await dialog.getByTestId('label-input').fill('q4');
    await dialog.getByTestId('label-input').press('Enter');
    await dialog.getByLabel('Assignee id').fill(randomUUID());
    await dialog.getByTestId('task-save').click();
    await expect(dialog.getByTestId('assignee-error').textContent()).resolves.toContain(
      'assigneeId does not name a user',
    );
    await checkSettled(page, 'tasks-create-dialog-server-error');

    // Fixed, then a double click: one task (the button locks, the Idempotency-Key backs it).
    await dialog.getByLabel('Assignee id').fill('');
    await dialog.getByTestId('task-save').dblclick();
    await dialog.waitFor({ state: 'detached' });
    await expectListed(page, ['Prepare the Q4 report']);
    const mine = await sdk.GET('/api/v1/tasks', { params: { query: { limit: 100 } } });
    expect(mine.data?.items).toHaveLength(1);
    const report = mine.data!.items[0];
    if (!report) throw new Error('no task created');
    expect(report).toMatchObject({
      title: 'Prepare the Q4 report',
      priority: 'high',
      labels: ['finance', 'q4'],
      assigneeId: null,
      status: 'todo',
    });
    await expect(
      row(page, 'Prepare the Q4 report').locator('.overdue-tag').textContent(),
    ).resolves.toBe('Overdue');

    // Two more made elsewhere: the live stream offers them, a refresh shows them.
    await createThroughSdk(sdk, { title: 'Archive old invoices', status: 'done', priority: 'low' });
    await createThroughSdk(sdk, {
      title: 'Book the offsite venue',
      status: 'blocked',
      labels: ['ops'],
    });
    await eventually(
      () => page.getByTestId('pending-changes').textContent(),
      (text) => expect(text).toMatch(/^\s*2 new changes\s*Refresh\s*$/),
    );
    await page.getByTestId('pending-changes').getByRole('button', { name: 'Refresh' }).click();
    await expectListed(page, [
      'Prepare the Q4 report',
      'Archive old invoices',
      'Book the offsite venue',
    ]);
    await checkSettled(page, 'tasks-list');

    // Filters: status, then full-text search; both live in the URL and survive a reload.
    await pickOption(page, page.getByTestId('filter-status'), 'Done');
    await page.keyboard.press('Escape');
    await page.waitForURL(/status=done/);
    await expectListed(page, ['Archive old invoices']);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expectListed(page, [
      'Prepare the Q4 report',
      'Archive old invoices',
      'Book the offsite venue',
    ]);
    await page.getByTestId('task-search').fill('venue');
    await page.waitForURL(/q=venue/);
    await expectListed(page, ['Book the offsite venue']);
    await page.reload();
    await expectListed(page, ['Book the offsite venue']);
    await expect(page.getByTestId('task-search').inputValue()).resolves.toBe('venue');
    await page.getByTestId('task-search').fill('');
    await page.waitForURL(`${ui.app.uiUrl}/tasks`);
    await pickOption(page, page.getByTestId('filter-priority'), 'High');
    await page.keyboard.press('Escape');
    await expectListed(page, ['Prepare the Q4 report']);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expectListed(page, [
      'Prepare the Q4 report',
      'Archive old invoices',
      'Book the offsite venue',
    ]);

    // Edit through the dialog: title and status.
    await row(page, 'Prepare the Q4 report').getByTestId('row-actions').click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await dialogOpened(page);
    await dialog.getByLabel('Title').fill('Prepare the Q4 report (final)');
    await pickOption(page, dialog.getByRole('combobox', { name: 'Status' }), 'In progress');
    await dialog.getByTestId('task-save').click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'Prepare the Q4 report (final)').waitFor();
    const edited = await serverTask(sdk, report.id);
    expect(edited.data).toMatchObject({
      title: 'Prepare the Q4 report (final)',
      status: 'in_progress',
    });

    // Inline status change, optimistic and confirmed by the server.
    await pickOption(
      page,
      row(page, 'Prepare the Q4 report (final)').getByTestId('row-status'),
      'Done',
    );
    await eventually(
      async () => (await serverTask(sdk, report.id)).data?.status,
      (status) => expect(status).toBe('done'),
    );
    expect((await serverTask(sdk, report.id)).data?.completedAt).not.toBeNull();

    // Bulk: two rows to "To do".
    await row(page, 'Archive old invoices').getByRole('checkbox').check();
    await row(page, 'Book the offsite venue').getByRole('checkbox').check();
    // Waits for the count to render: reading the text at once raced the second check.
    await page.getByTestId('bulk-bar').getByText('2 selected').waitFor();
    await pickOption(page, page.getByTestId('bulk-status'), 'To do');
    await page.getByTestId('bulk-apply').click();
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    const todo = await sdk.GET('/api/v1/tasks', { params: { query: { status: ['todo'] } } });
    expect(todo.data?.items.map((task) => task.title).sort()).toEqual([
      'Archive old invoices',
      'Book the offsite venue',
    ]);

    // Delete (confirmed), then undo: the task comes back, on screen and on the server.
    await row(page, 'Prepare the Q4 report (final)').getByTestId('row-actions').click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await row(page, 'Prepare the Q4 report (final)').waitFor({ state: 'detached' });
    expect((await serverTask(sdk, report.id)).response.status).toBe(404);
    await page.getByRole('button', { name: 'Undo' }).click();
    await row(page, 'Prepare the Q4 report (final)').waitFor();
    const restored = await serverTask(sdk, report.id);
    expect(restored.response.status).toBe(200);
    expect(restored.data?.title).toBe('Prepare the Q4 report (final)');

    // The detail page: every field and the history, newest first.
    await row(page, 'Prepare the Q4 report (final)').getByRole('link').click();
    await page.waitForURL(`${ui.app.uiUrl}/tasks/${report.id}`);
    await expect(page.getByTestId('task-title').textContent()).resolves.toContain('(final)');
    await eventually(
      () => page.getByTestId('history-entry').count(),
      (count) => expect(count).toBe(5),
      15_000,
    );
    const actions = await page.getByTestId('history-entry').locator('strong').allTextContents();
    expect(actions).toEqual(['Restored', 'Deleted', 'Updated', 'Updated', 'Created']);
    await expect(page.getByTestId('history-entry').nth(3).textContent()).resolves.toMatch(
      /Title:\s*from Prepare the Q4 report\s*→?\s*to Prepare the Q4 report \(final\)/,
    );
    await checkSettled(page, 'task-detail');
    await context.close();
  });

  it('resolves a 412 conflict by overwriting, or by reloading theirs', async () => {
    const { context, page, user } = await signedIn(ui.browser, ui.app, ['employee'], {
      displayName: 'Casey Conflict',
    });
    const other = user.client; // another client of the same user, behind the UI's back
    page.setDefaultTimeout(15_000);
    const task = await createThroughSdk(other, { title: 'Plan the launch' });
    await page.goto(`${ui.app.uiUrl}/tasks`);
    await row(page, 'Plan the launch').waitFor();

    const editInUi = async (title: string, newTitle: string) => {
      await row(page, title).getByTestId('row-actions').click();
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      await dialogOpened(page);
      await page.getByRole('dialog').getByLabel('Title').fill(newTitle);
    };
    const conflict = page.getByRole('alertdialog');

    // Overwrite: my title wins, on top of their version.
    await editInUi('Plan the launch', 'Plan the launch (mine)');
    const theirs = await other.PATCH('/api/v1/tasks/{id}', {
      params: { path: { id: task.id } },
      body: { title: 'Plan the launch (theirs)', priority: 'urgent' },
    });
    expect(theirs.response.status).toBe(200);
    // The list behind the dialog follows the stream (the dialog keeps what I typed).
    await row(page, 'Plan the launch (theirs)').waitFor();
    await expect(page.getByRole('dialog').getByLabel('Title').inputValue()).resolves.toBe(
      'Plan the launch (mine)',
    );
    await page.getByTestId('task-save').click();
    await conflict.getByText('Someone else changed this task').waitFor();
    await expect(conflict.textContent()).resolves.toContain('Plan the launch (theirs)');
    await checkSettled(page, 'tasks-conflict-dialog');
    await conflict.getByRole('button', { name: 'Overwrite' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const overwritten = await serverTask(other, task.id);
    // My change only: their priority stays.
    expect(overwritten.data).toMatchObject({
      title: 'Plan the launch (mine)',
      priority: 'urgent',
      version: 3,
    });
    await row(page, 'Plan the launch (mine)').waitFor();

    // Reload: theirs wins, mine is discarded, and the list shows theirs.
    await editInUi('Plan the launch (mine)', 'Plan the launch (mine again)');
    await other.PATCH('/api/v1/tasks/{id}', {
      params: { path: { id: task.id } },
      body: { title: 'Plan the launch (theirs again)' },
    });
    await page.getByTestId('task-save').click();
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await row(page, 'Plan the launch (theirs again)').waitFor();
    const reloaded = await serverTask(other, task.id);
    expect(reloaded.data).toMatchObject({ title: 'Plan the launch (theirs again)', version: 4 });
    await context.close();
  });

  it('shows the list and a task offline after a first online visit, with writes disabled', async () => {
    const { context, page, user } = await signedIn(ui.browser, ui.app, ['employee'], {
      displayName: 'Olive Offline',
    });
    const seen = await createThroughSdk(user.client, {
      title: 'Read me on the train',
      description: 'Cached by the service worker.',
      labels: ['travel'],
    });
    await createThroughSdk(user.client, { title: 'Second offline task' });

    // The service worker registers at start-up; once it is active, reload so it controls the
    // page (and so the API answers below go through it and into its cache).
    await page.goto(`${ui.app.uiUrl}/tasks`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      await page.reload();
    }
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expectListed(page, ['Read me on the train', 'Second offline task']);
    await row(page, 'Read me on the train').getByRole('link').click();
    await page.waitForURL(`${ui.app.uiUrl}/tasks/${seen.id}`);
    await page.getByTestId('history-entry').first().waitFor({ timeout: 15_000 });

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    await expect(page.getByTestId('task-title').textContent()).resolves.toContain(
      'Read me on the train',
    );
    await expect(page.getByTestId('detail-description').textContent()).resolves.toContain(
      'Cached by the service worker.',
    );
    expect(await page.getByTestId('detail-edit').isDisabled()).toBe(true);
    await settle(page);
    await screenshot(page, 'task-detail-offline');

    await page.getByRole('button', { name: 'Tasks' }).click();
    await page.waitForURL(`${ui.app.uiUrl}/tasks`);
    await expectListed(page, ['Read me on the train', 'Second offline task']);
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.getByTestId('new-task').isDisabled()).toBe(true);
    expect(await page.getByTestId('row-status').first().isDisabled()).toBe(true);
    await expect(page.getByText('You are offline: changes are disabled').count()).resolves.toBe(1);
    await checkSettled(page, 'tasks-list-offline');
    await context.close();
  });

  it('pages with Load more in the chosen sort; usable at 375 px and in the dark scheme', async () => {
    const { context, page, user } = await signedIn(ui.browser, ui.app, ['employee'], {
      width: 375,
      displayName: 'Nico Narrow',
    });
    const urgent = 'Renew the team’s conference tickets before the early-bird price ends';
    await createThroughSdk(user.client, {
      title: urgent,
      priority: 'urgent',
      labels: ['events', 'budget'],
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    await createThroughSdk(user.client, {
      title: 'Water the plants',
      status: 'in_progress',
      dueAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    for (let n = 1; n <= 26; n += 1) {
      await createThroughSdk(user.client, {
        title: `Filler task ${String(n).padStart(2, '0')}`,
        priority: 'low',
      });
    }

    // Highest priority first, from the URL; 25 a page, the rest after "Load more".
    await page.goto(`${ui.app.uiUrl}/tasks?sort=-priority`);
    await eventually(
      () => page.getByTestId('task-link').count(),
      (count) => expect(count).toBe(25),
    );
    const firstTwo = (await listedTitles(page)).slice(0, 2).map((title) => title.trim());
    expect(firstTwo).toEqual([urgent, 'Water the plants']);
    await expect(page.getByTestId('sort').textContent()).resolves.toContain('Highest priority');
    await checkSettled(page, 'tasks-list-375px');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);

    await page.getByTestId('load-more').click();
    await eventually(
      () => page.getByTestId('task-link').count(),
      (count) => expect(count).toBe(28),
    );
    expect(await page.getByTestId('load-more').count()).toBe(0);
    expect(new Set(await listedTitles(page)).size).toBe(28);

    await page.getByTestId('new-task').click();
    await page.getByRole('dialog').getByLabel('Title').waitFor();
    await settle(page);
    await screenshot(page, 'tasks-create-dialog-375px');
    const dialogWidth = await page
      .locator('mat-dialog-container')
      .evaluate((element) => element.getBoundingClientRect().width);
    expect(dialogWidth).toBeGreaterThanOrEqual(360);
    await page.keyboard.press('Escape');
    await context.close();

    const dark = await newPage(ui.browser, { colorScheme: 'dark' });
    await dark.page.goto(`${ui.app.uiUrl}/login`);
    await dark.page.getByLabel('Email').fill(user.email);
    await dark.page.getByLabel('Password').fill(user.password);
    await dark.page.getByRole('button', { name: 'Sign in' }).click();
    await dark.page.getByTestId('current-user').waitFor();
    await dark.page.goto(`${ui.app.uiUrl}/tasks?sort=-priority`);
    await row(dark.page, urgent).waitFor();
    await checkSettled(dark.page, 'tasks-list-dark');
    await dark.context.close();
  });
});
