import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createUser, type TestUser } from '../../api/test/support/auth-helpers';
import { StreamReceiver } from '../../api/test/support/stream-receiver';
import { waitFor } from '../../api/test/support/wait-for';
import { dialogOpened } from './support/dialogs';
import { checkScreen } from './support/page-checks';
import { newPage, signedIn, signInThroughForm } from './support/session';
import { uiSuite } from './support/ui-suite';

/** Opens a mat-select from the keyboard (its label overlays it) and clicks an option. */
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

async function createTask(user: TestUser, title: string): Promise<string> {
  const { data, error } = await user.client.POST('/api/v1/tasks', { body: { title } });
  if (!data) throw new Error(`task not created: ${JSON.stringify(error)}`);
  return data.id;
}

/** The sealed seq of the event on `targetId` with `action`, once the sealer has sealed it. */
async function sealedSeq(auditor: TestUser, action: string, targetId: string): Promise<bigint> {
  const { value } = await waitFor(
    async () => {
      const { data } = await auditor.client.GET('/api/v1/audit/events', {
        params: { query: { action, targetId } },
      });
      const event = data?.items[0];
      return event ? BigInt(event.seq) : undefined;
    },
    20_000,
    `the sealed ${action} event`,
  );
  return value;
}

/** Waits until the card shows the stream caught up to at least `seq` with no lag. */
async function caughtUp(card: Locator, seq: bigint): Promise<void> {
  await waitFor(
    async () => {
      const lastSeq = BigInt(
        (await card.getByTestId('stream-last-seq').textContent())?.trim() ?? '0',
      );
      const lag = (await card.getByTestId('stream-lag-events').textContent())?.trim();
      return lastSeq >= seq && lag === '0' ? true : undefined;
    },
    30_000,
    `the stream delivering up to seq ${seq} with lag 0 (page refreshing by itself)`,
  );
}

describe('admin UI: audit streams', () => {
  const fileDir = mkdtempSync(join(tmpdir(), 'ui-audit-streams-'));
  const ui = uiSuite({
    // The loopback receiver is allowed by name; every other private address stays refused.
    OUTBOUND_ALLOW_HTTP: 'true',
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    AUDIT_STREAM_FILE_DIR: fileDir,
    AUDIT_STREAM_POLL_MS: '200',
  });
  let receiver: StreamReceiver;
  let receiverUrl: string;

  beforeAll(async () => {
    receiver = new StreamReceiver();
    receiverUrl = await receiver.start();
  });

  afterAll(async () => {
    await receiver?.stop();
  });

  it('lets an auditor create streams (a refused URL lands on its field), watch lag reach 0, pause and resume', async () => {
    const {
      context,
      page,
      user: auditor,
    } = await signedIn(ui.browser, ui.app, ['auditor'], {
      displayName: 'Aude Auditor',
    });
    await page.getByRole('link', { name: 'Streams', exact: true }).click();
    await page.waitForURL(`${ui.app.uiUrl}/audit/streams`);
    // One entry is current: the audit log's does not light up on its sub-screen.
    await expect(page.locator('[aria-current="page"]').count()).resolves.toBe(1);
    await expect(page.getByTestId('page-empty').textContent()).resolves.toContain(
      'A stream sends every sealed audit event',
    );
    await checkScreen(page, 'audit-streams-empty');

    // An http-json stream to the cloud metadata address: the server refuses it on the URL field.
    await page.getByTestId('new-stream').click();
    await dialogOpened(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Loopback SIEM');
    await pickOption(page, dialog.getByRole('combobox', { name: 'Kind' }), 'HTTP JSON');
    await pickOption(page, dialog.getByRole('combobox', { name: 'Format' }), 'JSON Lines');
    const url = dialog.getByLabel('Receiver URL');
    await url.fill('http://169.254.169.254/latest/meta-data');
    await dialog.getByLabel('Bearer token (optional)').fill('bearer-secret-1');
    await dialog.getByRole('button', { name: 'Create stream' }).click();
    await expect(dialog.getByTestId('url-error').textContent()).resolves.toContain(
      'only public addresses may be called',
    );
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(dialog.getByTestId('url-refusal-help').textContent()).resolves.toContain(
      'server-side request forgery',
    );
    // The error fades in; axe judges contrast on what is painted, so let it finish.
    await page.waitForFunction(() => {
      for (let node = document.querySelector('[data-testid="url-error"]'); node;) {
        if (node.getAnimations().length > 0 || getComputedStyle(node).opacity !== '1') return false;
        node = node.parentElement;
      }
      return true;
    });
    await checkScreen(page, 'audit-streams-refused-url');

    // The loopback receiver, allow-listed for this run, is accepted.
    await url.fill(`${receiverUrl}/siem`);
    await dialog.getByRole('button', { name: 'Create stream' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByTestId('stream-Loopback SIEM');
    await card.waitFor();
    await expect(card.getByTestId('stream-state').textContent()).resolves.toContain('Running');
    await expect(card.getByTestId('stream-kind').textContent()).resolves.toContain('HTTP JSON');
    await expect(card.getByTestId('stream-destination').textContent()).resolves.toContain(
      `${receiverUrl}/siem`,
    );
    // Write-only: the list says a token is set, never what it is.
    await expect(card.textContent()).resolves.toContain('token set');
    await expect(page.content()).resolves.not.toContain('bearer-secret-1');

    // Tasks are written; the stream delivers them and the page shows lag 0 on its own refresh.
    const cardNode = await card.elementHandle();
    const employee = await createUser(ui.app, {
      roles: ['employee'],
      displayName: 'Emma Employee',
    });
    const taskIds: string[] = [];
    for (const title of ['Rotate keys', 'Review access', 'Close audit']) {
      taskIds.push(await createTask(employee, title));
    }
    const lastTaskSeq = await sealedSeq(auditor, 'task.created', taskIds[2] ?? '');
    await caughtUp(card, lastTaskSeq);
    const delivered = receiver
      .on('/siem')
      .flatMap(
        (request) => (JSON.parse(request.body) as { events: { target: { id: string } }[] }).events,
      );
    for (const id of taskIds) {
      expect(delivered.some((event) => event.target.id === id)).toBe(true);
    }
    expect(receiver.on('/siem')[0]?.headers.authorization).toBe('Bearer bearer-secret-1');
    // Refreshes update the card in place rather than redrawing the list.
    await expect(cardNode?.evaluate((node) => node.isConnected)).resolves.toBe(true);

    // Paused: nothing is sent, the lag grows (its own pause event, then a new task).
    await card.getByRole('button', { name: 'Pause Loopback SIEM' }).click();
    await card.getByRole('button', { name: 'Resume Loopback SIEM' }).waitFor();
    await expect(card.getByTestId('stream-state').textContent()).resolves.toContain('Paused');
    const sentBeforePause = receiver.on('/siem').length;
    const pausedTask = await createTask(employee, 'Written while paused');
    const pausedSeq = await sealedSeq(auditor, 'task.created', pausedTask);
    await waitFor(
      async () => {
        const lag = Number((await card.getByTestId('stream-lag-events').textContent())?.trim());
        return lag >= 2 ? true : undefined;
      },
      30_000,
      'the paused stream lagging by its pause event and the new task',
    );
    expect(receiver.on('/siem').length).toBe(sentBeforePause);
    await checkScreen(page, 'audit-streams');

    // Resumed: it continues from the cursor and catches up.
    await card.getByRole('button', { name: 'Resume Loopback SIEM' }).click();
    await card.getByRole('button', { name: 'Pause Loopback SIEM' }).waitFor();
    await expect(card.getByTestId('stream-state').textContent()).resolves.toContain('Running');
    await caughtUp(card, pausedSeq);

    // A file stream: the kind switches the form to a file name, and the file fills up.
    await page.getByTestId('new-stream').click();
    await dialogOpened(page);
    await dialog.getByLabel('Name').fill('Archive file');
    await pickOption(page, dialog.getByRole('combobox', { name: 'Kind' }), 'File');
    await expect(dialog.getByLabel('Receiver URL').count()).resolves.toBe(0);
    await dialog.getByLabel('File name').fill('archive.jsonl');
    await dialog.getByRole('button', { name: 'Create stream' }).click();
    await dialog.waitFor({ state: 'detached' });
    const fileCard = page.getByTestId('stream-Archive file');
    await fileCard.waitFor();
    await expect(fileCard.getByTestId('stream-destination').textContent()).resolves.toContain(
      'archive.jsonl',
    );
    await caughtUp(fileCard, pausedSeq);
    expect(readFileSync(join(fileDir, 'archive.jsonl'), 'utf8')).toContain(pausedTask);

    // A receiver that answers 500: the stream shows as failing, with the error and its time.
    receiver.answer = (request) => (request.path === '/down' ? 500 : 200);
    await page.getByTestId('new-stream').click();
    await dialogOpened(page);
    await dialog.getByLabel('Name').fill('Broken receiver');
    await pickOption(page, dialog.getByRole('combobox', { name: 'Kind' }), 'HTTP JSON');
    await dialog.getByLabel('Receiver URL').fill(`${receiverUrl}/down`);
    await dialog.getByRole('button', { name: 'Create stream' }).click();
    await dialog.waitFor({ state: 'detached' });
    const failingCard = page.getByTestId('stream-Broken receiver');
    await failingCard.getByTestId('stream-state').filter({ hasText: 'Failing' }).waitFor();
    const lastError = failingCard.getByTestId('stream-last-error');
    await expect(lastError.textContent()).resolves.toContain('500');
    await expect(lastError.locator('time').first().getAttribute('datetime')).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2}T/,
    );
    // The "created" message would cover the error in the screenshot.
    await page.locator('.mat-mdc-snack-bar-container').getByRole('button', { name: 'OK' }).click();
    await page.locator('.mat-mdc-snack-bar-container').waitFor({ state: 'detached' });
    await checkScreen(page, 'audit-streams-failing');

    // A phone: the same screen fits 375 px without sideways scrolling.
    const narrow = await newPage(ui.browser, { width: 375 });
    await signInThroughForm(narrow.page, ui.app, auditor);
    await narrow.page.goto(`${ui.app.uiUrl}/audit/streams`);
    await narrow.page.getByTestId('stream-Loopback SIEM').waitFor();
    await expect(
      narrow.page.evaluate(() => document.documentElement.scrollWidth),
    ).resolves.toBeLessThanOrEqual(375);
    await checkScreen(narrow.page, 'audit-streams-375px');
    await narrow.context.close();
    await context.close();
  });

  it('keeps employees out: no nav entry, the URL sends them to the dashboard, the API says 403', async () => {
    const { context, page, user } = await signedIn(ui.browser, ui.app, ['employee'], {
      displayName: 'Ed Employee',
    });
    await expect(page.getByRole('link', { name: 'Streams', exact: true }).count()).resolves.toBe(0);
    await page.goto(`${ui.app.uiUrl}/audit/streams`);
    await page.waitForURL(`${ui.app.uiUrl}/`);
    await page.getByTestId('current-user').waitFor();
    await expect(page.getByRole('heading', { name: 'Audit streams' }).count()).resolves.toBe(0);
    const { response } = await user.client.GET('/api/v1/audit/streams');
    expect(response.status).toBe(403);
    await context.close();
  });
});
