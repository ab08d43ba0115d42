import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { createUser, type TestUser } from '../../api/test/support/auth-helpers';
import { waitFor } from '../../api/test/support/wait-for';
import { checkScreen, screenshot } from './support/page-checks';
import { newPage, signedIn, signInThroughForm } from './support/session';
import { uiSuite } from './support/ui-suite';

const CSV_HEADER =
  'seq,id,occurredAt,actorType,actorId,actorDisplay,action,targetType,targetId,outcome,ip,' +
  'userAgent,requestId,traceId,changes,prevHash,hash';

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += char;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

async function createTask(
  user: TestUser,
  body: { title: string; status?: 'todo' | 'done'; dueAt?: string },
): Promise<string> {
  const { data, error } = await user.client.POST('/api/v1/tasks', { body });
  if (!data) throw new Error(`task not created: ${JSON.stringify(error)}`);
  return data.id;
}

/** Waits until the auditor's SDK sees `count` sealed events with these filters. */
async function waitForSealedEvents(
  auditor: TestUser,
  query: { actorId: string; action: string },
  count: number,
): Promise<void> {
  await waitFor(
    async () => {
      const { data } = await auditor.client.GET('/api/v1/audit/events', { params: { query } });
      return data && data.items.length >= count ? true : undefined;
    },
    20_000,
    `${count} sealed ${query.action} events`,
  );
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('admin UI: dashboard, audit log and system pages', () => {
  const ui = uiSuite();

  it('lets an auditor filter the log, open an event, export CSV with progress and download it', async () => {
    // Three task.created events by one employee: the export's expected content.
    const employee = await createUser(ui.app, { roles: ['employee'], displayName: 'Eve Exporter' });
    const titles = ['Audit alpha', 'Audit beta, with a comma', 'Audit "gamma"'];
    for (const title of titles) await createTask(employee, { title });
    const {
      context,
      page,
      user: auditor,
    } = await signedIn(ui.browser, ui.app, ['auditor'], {
      displayName: 'Ada Auditor',
    });
    await waitForSealedEvents(auditor, { actorId: employee.userId, action: 'task.created' }, 3);

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.waitForURL(`${ui.app.uiUrl}/audit`);
    await page.getByTestId('audit-table').waitFor();

    // Filters go into the URL and narrow the table to exactly those events.
    await page.getByLabel('Action starts with').fill('task.created');
    await page.getByLabel('Actor id').fill(employee.userId);
    await page.getByTestId('apply-filters').click();
    await page.waitForURL(/action=task\.created/);
    expect(new URL(page.url()).searchParams.get('actorId')).toBe(employee.userId);
    const rows = page.locator('[data-testid="audit-table"] tr.event-row');
    await waitFor(async () => ((await rows.count()) === 3 ? true : undefined), 10_000, '3 rows');
    for (let i = 0; i < 3; i += 1) {
      await expect(rows.nth(i).textContent()).resolves.toContain('task.created');
    }
    // A reload keeps the filters (they live in the URL).
    await page.reload();
    await page.getByTestId('audit-table').waitFor();
    await expect(page.getByLabel('Actor id').inputValue()).resolves.toBe(employee.userId);
    await waitFor(async () => ((await rows.count()) === 3 ? true : undefined), 10_000, '3 rows');

    // The detail drawer: the whole event with the before/after of its fields.
    await rows.first().getByRole('button').click();
    const drawer = page.getByTestId('event-drawer');
    await drawer.getByTestId('event-detail').waitFor();
    await expect(drawer.getByTestId('event-changes').textContent()).resolves.toContain('title');
    await expect(drawer.getByTestId('event-changes').textContent()).resolves.toContain(
      'Audit "gamma"',
    );
    await expect(drawer.getByTestId('event-hash').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await page.waitForTimeout(400); // the drawer's slide-in animation
    await checkScreen(page, 'audit-log-detail-drawer');
    await page.keyboard.press('Escape');
    await drawer.getByTestId('event-detail').waitFor({ state: 'detached' });

    // Export CSV as a background job: the progress bar shows and reaches 100 %.
    await page.getByRole('radio', { name: 'CSV' }).click();
    await page.getByTestId('start-export').click();
    const progress = page.getByTestId('export-progress');
    await progress.waitFor();
    await page.locator('[data-testid="export-job"][data-status="done"]').waitFor({
      timeout: 30_000,
    });
    await expect(progress.getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(page.getByTestId('export-status').textContent()).resolves.toContain('Finished');
    await expect(page.getByTestId('manifest-count').textContent()).resolves.toBe('3');
    const shownSha = (await page.getByTestId('manifest-sha256').textContent())?.trim() ?? '';
    expect(shownSha).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByTestId('manifest-signature').textContent()).resolves.toMatch(
      /^[A-Za-z0-9+/=]{40,}$/,
    );
    await page.getByTestId('export-manifest').scrollIntoViewIfNeeded();
    await checkScreen(page, 'audit-log-export-finished');

    // Download: a real file, exactly the one the signed manifest describes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-export-[0-9a-f-]{36}\.csv$/);
    const file = await readFile((await download.path()) ?? '');
    expect(createHash('sha256').update(file).digest('hex')).toBe(shownSha);
    const records = parseCsv(file.toString('utf8'));
    expect(records[0].join(',')).toBe(CSV_HEADER);
    const data = records.slice(1);
    expect(data).toHaveLength(3);
    const column = (name: string) => CSV_HEADER.split(',').indexOf(name);
    expect(data.map((record) => record[column('action')])).toEqual(Array(3).fill('task.created'));
    expect(data.map((record) => record[column('actorId')])).toEqual(Array(3).fill(employee.userId));
    const changes = data.map((record) => record[column('changes')]).join('\n');
    for (const title of titles) expect(changes).toContain(JSON.stringify(title).slice(1, -1));
    await context.close();
  });

  it('shows an auditor events per day and an intact chain, and an employee their task figures', async () => {
    const auditor = await signedIn(ui.browser, ui.app, ['auditor'], { displayName: 'Ada Auditor' });
    const audit = auditor.page.getByTestId('audit-dashboard');
    await audit.waitFor();
    const eventsChart = audit.locator('[data-testid="events-chart"] canvas');
    await eventsChart.waitFor();
    await expect(eventsChart.getAttribute('aria-label')).resolves.toMatch(
      /^Audit events per day, last 30 days: \d+ in total/,
    );
    await audit.locator('[data-testid="verify-status"][data-status="ok"]').waitFor();
    await expect(audit.getByTestId('verify-status').textContent()).resolves.toMatch(
      /Chain intact\. [\d,]+ events? checks? out/,
    );
    await expect(audit.getByTestId('chain-verify').textContent()).resolves.toContain('Checked at');
    const total = Number(
      await audit.locator('[data-testid="figure-events-total"] .figure-value').textContent(),
    );
    expect(total).toBeGreaterThan(0);
    // The auditor has no tasks: that section is not shown to them.
    await expect(auditor.page.getByTestId('task-dashboard').count()).resolves.toBe(0);
    await checkScreen(auditor.page, 'dashboard-auditor');
    // "Verify now" walks the chain again and updates the result.
    await auditor.page.getByTestId('verify-now').click();
    await audit.locator('[data-testid="verify-status"][data-status="ok"]').waitFor();
    await auditor.context.close();

    // An employee with 2 open tasks (due soon) and 1 done.
    const employee = await createUser(ui.app, {
      roles: ['employee'],
      displayName: 'Emil Employee',
    });
    const day = 24 * 60 * 60 * 1000;
    const soonest = await createTask(employee, {
      title: 'Send the quarterly numbers',
      dueAt: new Date(Date.now() + 2 * day).toISOString(),
    });
    await createTask(employee, {
      title: 'Book the team offsite',
      dueAt: new Date(Date.now() + 5 * day).toISOString(),
    });
    await createTask(employee, { title: 'Write the kickoff notes', status: 'done' });
    const { context, page } = await newPage(ui.browser);
    await signInThroughForm(page, ui.app, employee);
    const tasks = page.getByTestId('task-dashboard');
    await tasks.getByTestId('status-count-todo').waitFor();
    await expect(tasks.getByTestId('status-count-todo').textContent()).resolves.toBe('2');
    await expect(tasks.getByTestId('status-count-done').textContent()).resolves.toBe('1');
    await expect(tasks.getByTestId('status-count-in_progress').textContent()).resolves.toBe('0');
    await expect(tasks.getByTestId('priority-count-medium').textContent()).resolves.toBe('3');
    await expect(
      tasks.locator('[data-testid="figure-due-soon"] .figure-value').textContent(),
    ).resolves.toBe('2');
    await expect(
      tasks.locator('[data-testid="figure-overdue"] .figure-value').textContent(),
    ).resolves.toBe('0');
    const completedChart = tasks.locator('[data-testid="completed-chart"] canvas');
    await completedChart.waitFor();
    await expect(completedChart.getAttribute('aria-label')).resolves.toMatch(
      /^Tasks completed per day, last 30 days: 1 in total/,
    );
    // My next tasks: open ones only, soonest due first, each linking to its task.
    const nextLinks = tasks.getByTestId('next-tasks').getByRole('link');
    await nextLinks.first().waitFor();
    await expect(nextLinks.allTextContents()).resolves.toEqual([
      'Send the quarterly numbers',
      'Book the team offsite',
    ]);
    await expect(nextLinks.first().getAttribute('href')).resolves.toBe(`/tasks/${soonest}`);
    // Auditor figures are not an employee's business.
    await expect(page.getByTestId('audit-dashboard').count()).resolves.toBe(0);
    await checkScreen(page, 'dashboard-employee');
    await context.close();

    const narrow = await newPage(ui.browser, { width: 375 });
    await signInThroughForm(narrow.page, ui.app, employee);
    await narrow.page.locator('[data-testid="completed-chart"] canvas').waitFor();
    await screenshot(narrow.page, 'dashboard-employee-375px');
    expect(await pageWidth(narrow.page)).toBeLessThanOrEqual(375);
    await narrow.context.close();

    const dark = await newPage(ui.browser, { colorScheme: 'dark' });
    await signInThroughForm(dark.page, ui.app, employee);
    await dark.page.locator('[data-testid="completed-chart"] canvas').waitFor();
    await checkScreen(dark.page, 'dashboard-employee-dark');
    const background = await dark.page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    expect(background).not.toBe('rgb(255, 255, 255)');
    await dark.context.close();
  });

  it('shows an admin the readiness of Postgres and Redis, the queues and the outbox', async () => {
    const { context, page } = await signedIn(ui.browser, ui.app, ['admin'], {
      displayName: 'Ari Admin',
    });
    // Admins see both halves of the dashboard.
    await page.getByTestId('task-dashboard').waitFor();
    await page.getByTestId('audit-dashboard').waitFor();

    await page.getByRole('link', { name: 'System', exact: true }).click();
    await page.waitForURL(`${ui.app.uiUrl}/system`);
    const postgres = page.getByTestId('dependency-postgres');
    await postgres.waitFor();
    await expect(postgres.textContent()).resolves.toContain('PostgreSQL');
    await expect(postgres.getByTestId('dependency-state').textContent()).resolves.toContain('up');
    await expect(
      page.getByTestId('dependency-redis').getByTestId('dependency-state').textContent(),
    ).resolves.toContain('up');
    await expect(page.getByTestId('readiness-state').textContent()).resolves.toContain('Ready');
    const auditQueue = page.getByTestId('queue-audit');
    await auditQueue.waitFor();
    await expect(auditQueue.textContent()).resolves.toContain('available');
    await expect(auditQueue.getByTestId('queue-waiting').textContent()).resolves.toMatch(
      /^\s*\d+\s*$/,
    );
    await expect(page.getByTestId('outbox-pending').textContent()).resolves.toMatch(/^\d+$/);
    await checkScreen(page, 'system');

    // It refreshes by itself every 10 s while open.
    const updated = page.getByRole('status').filter({ hasText: 'Updated at' });
    const before = await updated.locator('time').getAttribute('datetime');
    await waitFor(
      async () =>
        (await updated.locator('time').getAttribute('datetime')) !== before ? true : undefined,
      15_000,
      'an automatic refresh',
    );
    await context.close();
  });

  it('keeps the audit log usable at 375 px', async () => {
    const { context, page } = await signedIn(ui.browser, ui.app, ['auditor'], { width: 375 });
    await page.goto(`${ui.app.uiUrl}/audit`);
    await page.getByTestId('audit-table').waitFor();
    await screenshot(page, 'audit-log-375px');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    // The drawer takes the whole width on a phone and closes with its button.
    await page
      .locator('[data-testid="audit-table"] tr.event-row')
      .first()
      .getByRole('button')
      .click();
    await page.getByTestId('event-detail').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'audit-log-detail-375px');
    await page.getByRole('button', { name: 'Close event details' }).click();
    await page.getByTestId('event-detail').waitFor({ state: 'detached' });
    await context.close();
  });
});
