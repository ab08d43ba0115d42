import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { StreamReceiver, type ReceivedRequest } from '../../api/test/support/stream-receiver';
import { waitFor } from '../../api/test/support/wait-for';
import { dialogOpened } from './support/dialogs';
import { checkScreen } from './support/page-checks';
import { newPage, signedIn, signInThroughForm } from './support/session';
import { uiSuite } from './support/ui-suite';

/** Standard Webhooks: any `v1,<sig>` of `id.timestamp.body` keyed with the secret's bytes. */
function signedWith(request: ReceivedRequest, secret: string): boolean {
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${request.body}`)
    .digest('base64');
  return String(request.headers['webhook-signature'])
    .split(' ')
    .some((part) => part === `v1,${expected}`);
}

/** Waits until the error text has faded in: axe judges contrast on what is painted. */
async function settled(page: Page, testId: string): Promise<void> {
  await page.waitForFunction((id) => {
    for (let node = document.querySelector(`[data-testid="${id}"]`); node;) {
      if (node.getAnimations().length > 0 || getComputedStyle(node).opacity !== '1') return false;
      node = node.parentElement;
    }
    return true;
  }, testId);
}

describe('admin UI: webhooks', () => {
  const ui = uiSuite({
    // The loopback receiver is allowed by name; every other private address stays refused.
    OUTBOUND_ALLOW_HTTP: 'true',
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    WEBHOOK_POLL_INTERVAL_MS: '200',
    WEBHOOK_RETRY_BASE_MS: '500',
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

  it('lets an employee subscribe (refused URL on its field, secret once), see a signed delivery and replay it', async () => {
    const {
      context,
      page,
      user: employee,
    } = await signedIn(ui.browser, ui.app, ['employee'], { displayName: 'Wendy Webhook' });
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.waitForURL(`${ui.app.uiUrl}/webhooks`);
    await expect(page.getByTestId('page-empty').textContent()).resolves.toContain(
      'POSTs a signed JSON message',
    );
    await checkScreen(page, 'webhooks-empty');

    // The cloud metadata address: the server refuses it, on the URL field, with the why.
    await page.getByTestId('new-webhook').click();
    await dialogOpened(page);
    const dialog = page.getByRole('dialog');
    // Employees are not offered user events.
    await expect(dialog.getByText('user.*').count()).resolves.toBe(0);
    const url = dialog.getByLabel('Receiver URL');
    await url.fill('http://169.254.169.254/latest/meta-data');
    await dialog.getByRole('checkbox', { name: 'Task updated' }).check();
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await expect(dialog.getByTestId('url-error').textContent()).resolves.toContain(
      'only public addresses may be called',
    );
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(dialog.getByTestId('url-refusal-help').textContent()).resolves.toContain(
      'server-side request forgery',
    );
    await settled(page, 'url-error');
    await checkScreen(page, 'webhooks-refused-url');

    // The allow-listed loopback receiver is accepted; the secret is shown once.
    await url.fill(`${receiverUrl}/hooks`);
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    const secretDialog = page.getByRole('dialog').filter({ hasText: 'Signing secret' });
    await secretDialog.waitFor();
    await dialogOpened(page);
    const secret = await secretDialog.getByTestId('webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(secretDialog.textContent()).resolves.toContain("you won't see it again");
    await checkScreen(page, 'webhooks-secret');
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    await expect(page.content()).resolves.not.toContain(secret);
    const card = page.getByTestId(`webhook-${receiverUrl}/hooks`);
    await expect(card.getByTestId('webhook-state').textContent()).resolves.toContain('Active');
    await expect(card.textContent()).resolves.toContain('Task updated');
    await checkScreen(page, 'webhooks');

    // A task of hers: delivered, signed with that secret, and shown in the log with its 200.
    const { data: task } = await employee.client.POST('/api/v1/tasks', {
      body: { title: 'Ship the webhook screen' },
    });
    expect(task).toBeDefined();
    await card.getByTestId('deliveries').click();
    await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
    const delivery = page.getByTestId('delivery-task.created');
    await delivery.getByTestId('delivery-status').filter({ hasText: 'succeeded' }).waitFor({
      timeout: 30_000,
    });
    await expect(delivery.getByTestId('delivery-code').textContent()).resolves.toContain('200');
    const first = receiver.on('/hooks')[0];
    expect(first).toBeDefined();
    if (!first) return;
    expect(signedWith(first, secret)).toBe(true);
    const sent = JSON.parse(first.body) as { type: string; data: { target: { id: string } } };
    expect(sent.type).toBe('task.created');
    expect(sent.data.target.id).toBe(task?.id);

    // Replay it: queued again with a new webhook-id, delivered, and a second entry in the log.
    await delivery.getByTestId('replay').click();
    await dialogOpened(page);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replay' }).click();
    const { value: replayed } = await waitFor(
      async () => receiver.on('/hooks')[1],
      30_000,
      'the replayed delivery at the receiver',
    );
    expect(replayed.body).toBe(first.body);
    expect(replayed.headers['webhook-id']).not.toBe(first.headers['webhook-id']);
    expect(signedWith(replayed, secret)).toBe(true);
    await page.getByText('(replay)').waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="delivery-task.created"]')
      .first()
      .getByTestId('delivery-status')
      .filter({ hasText: 'succeeded' })
      .waitFor({ timeout: 30_000 });
    await page.locator('.mat-mdc-snack-bar-container').waitFor({ state: 'detached' });

    // Replay since an hour ago (the default): confirmed, counted, and sent once more.
    await page.getByTestId('replay-since').click();
    await dialogOpened(page);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replay events' }).click();
    const result = page.getByTestId('replay-result');
    await result.filter({ hasText: /queued/ }).waitFor();
    await expect(result.textContent()).resolves.toContain('1 event queued again');
    const { value: sinceReplay } = await waitFor(
      async () => receiver.on('/hooks')[2],
      30_000,
      'the event replayed since an hour ago',
    );
    expect(sinceReplay.body).toBe(first.body);
    await checkScreen(page, 'webhook-deliveries');

    // A phone: both screens fit 375 px without sideways scrolling.
    const narrow = await newPage(ui.browser, { width: 375 });
    await signInThroughForm(narrow.page, ui.app, employee);
    await narrow.page.goto(page.url());
    await narrow.page.getByTestId('delivery-task.created').first().waitFor();
    await expect(
      narrow.page.evaluate(() => document.documentElement.scrollWidth),
    ).resolves.toBeLessThanOrEqual(375);
    await checkScreen(narrow.page, 'webhook-deliveries-375px');
    await narrow.page.goto(`${ui.app.uiUrl}/webhooks`);
    await narrow.page.getByTestId(`webhook-${receiverUrl}/hooks`).waitFor();
    await expect(
      narrow.page.evaluate(() => document.documentElement.scrollWidth),
    ).resolves.toBeLessThanOrEqual(375);
    await checkScreen(narrow.page, 'webhooks-375px');
    await narrow.context.close();
    await context.close();
  });
  it('sends a test, rotates the secret (both signatures for 24 h), pauses, enables and deletes', async () => {
    const { context, page, user } = await signedIn(ui.browser, ui.app, ['employee'], {
      displayName: 'Rory Rotator',
    });
    const { data: created } = await user.client.POST('/api/v1/webhooks', {
      body: { url: `${receiverUrl}/rotating`, eventTypes: ['task.updated'] },
    });
    const oldSecret = created?.secret ?? '';
    expect(oldSecret).toMatch(/^whsec_/);
    await page.goto(`${ui.app.uiUrl}/webhooks`);
    const card = page.getByTestId(`webhook-${receiverUrl}/rotating`);
    const snackBar = page.locator('.mat-mdc-snack-bar-container');

    // A test send: the receiver's answer comes back on screen.
    await card.getByTestId('send-test').click();
    await expect(snackBar.textContent()).resolves.toContain('Test delivered');
    await snackBar.getByRole('button', { name: 'OK' }).click();
    const tested = receiver.on('/rotating')[0];
    expect(tested && (JSON.parse(tested.body) as { type: string }).type).toBe('webhook.test');

    // Rotation: confirmed, the new secret shown once, and the next send signed with both.
    await card.getByTestId('rotate').click();
    await dialogOpened(page);
    const confirm = page.getByRole('alertdialog');
    await expect(confirm.textContent()).resolves.toContain('two signatures');
    await confirm.getByRole('button', { name: 'Rotate secret' }).click();
    const secretDialog = page.getByRole('dialog').filter({ hasText: 'New signing secret' });
    await secretDialog.getByTestId('rotation-note').waitFor();
    const newSecret = await secretDialog.getByTestId('webhook-secret').inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    await card.getByTestId('send-test').click();
    const { value: afterRotation } = await waitFor(
      async () => receiver.on('/rotating')[1],
      20_000,
      'the test send after the rotation',
    );
    expect(String(afterRotation.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(signedWith(afterRotation, newSecret)).toBe(true);
    expect(signedWith(afterRotation, oldSecret)).toBe(true);

    // Pause and enable: the state and who paused it.
    await card.getByTestId('disable').click();
    await card.getByTestId('webhook-state').filter({ hasText: 'Paused' }).waitFor();
    await expect(card.getByTestId('webhook-disabled-reason').textContent()).resolves.toContain(
      `paused by ${user.email}`,
    );
    await card.getByTestId('enable').click();
    await card.getByTestId('webhook-state').filter({ hasText: 'Active' }).waitFor();

    // Delete, after a confirmation.
    await card.getByTestId('delete').click();
    await dialogOpened(page);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('page-empty').waitFor();
    const { data: left } = await user.client.GET('/api/v1/webhooks');
    expect(left?.items).toEqual([]);
    await context.close();
  });

  it('offers user events to admins only', async () => {
    const { context, page } = await signedIn(ui.browser, ui.app, ['admin'], {
      displayName: 'Ada Admin',
    });
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByTestId('new-webhook').click();
    await dialogOpened(page);
    await page.getByRole('checkbox', { name: /Every user event/ }).waitFor();
    await context.close();
  });
});
