import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { checkpointNow } from '../../api/test/audit/isolated-audit-app';
import { createUser, type TestUser } from '../../api/test/support/auth-helpers';
import { waitFor } from '../../api/test/support/wait-for';
import { checkScreen, screenshot } from './support/page-checks';
import { newPage, signedIn, signInThroughForm } from './support/session';
import type { UiApp } from './support/ui-app';
import { uiSuite } from './support/ui-suite';

async function createTasks(user: TestUser, titles: string[]): Promise<void> {
  for (const title of titles) {
    const { data, error } = await user.client.POST('/api/v1/tasks', { body: { title } });
    if (!data) throw new Error(`task not created: ${JSON.stringify(error)}`);
  }
}

/** Seals `count` task.created events of `actor`, signs a checkpoint over them; its size. */
async function sealAndCheckpoint(
  app: UiApp,
  auditor: TestUser,
  actor: TestUser,
  count: number,
): Promise<number> {
  const query = { actorId: actor.userId, action: 'task.created' };
  const { value: newestSeq } = await waitFor(
    async () => {
      const { data } = await auditor.client.GET('/api/v1/audit/events', { params: { query } });
      return data && data.items.length >= count ? Number(data.items[0].seq) : undefined;
    },
    20_000,
    `${count} sealed task.created events`,
  );
  await checkpointNow(app);
  const { value: size } = await waitFor(
    async () => {
      const { data } = await auditor.client.GET('/api/v1/audit/checkpoints/latest');
      return data && data.treeSize >= newestSeq ? data.treeSize : undefined;
    },
    20_000,
    `a checkpoint covering seq ${newestSeq}`,
  );
  return size;
}

async function verdictOf(page: Page, result: string): Promise<{ verdict: string; text: string }> {
  const verdict = page.locator(`[data-testid="${result}"] [data-testid="check-verdict"]`);
  await verdict.waitFor({ timeout: 20_000 });
  return {
    verdict: (await verdict.getAttribute('data-verdict')) ?? '',
    text: (await verdict.textContent()) ?? '',
  };
}

describe('admin UI: audit checkpoints, consistency and inclusion proofs', () => {
  const ui = uiSuite();

  it('lets an auditor keep the latest checkpoint, check consistency and prove an event, in the ui.browser', async () => {
    const employee = await createUser(ui.app, { roles: ['employee'], displayName: 'Tia Tasks' });
    const auditorUser = await createUser(ui.app, {
      roles: ['auditor'],
      displayName: 'Ada Auditor',
    });
    await createTasks(employee, ['Checkpoint one', 'Checkpoint two', 'Checkpoint three']);
    const older = await sealAndCheckpoint(ui.app, auditorUser, employee, 3);
    await createTasks(employee, ['After the first checkpoint', 'And one more']);
    const newer = await sealAndCheckpoint(ui.app, auditorUser, employee, 5);
    expect(newer).toBeGreaterThan(older);

    const { context, page } = await newPage(ui.browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.app.uiUrl });
    await signInThroughForm(page, ui.app, auditorUser);
    await page.getByRole('link', { name: 'Checkpoints', exact: true }).click();
    await page.waitForURL(`${ui.app.uiUrl}/audit/checkpoints`);
    // Only this nav entry is current, not "Audit log" as well.
    await expect(
      page.getByRole('link', { name: 'Checkpoints', exact: true }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await expect(
      page.getByRole('link', { name: 'Audit log', exact: true }).getAttribute('aria-current'),
    ).resolves.toBeNull();

    // The latest signed checkpoint: its size, root and note, exactly as the API publishes it.
    const latest = page.getByTestId('latest-checkpoint');
    await latest.waitFor();
    const shownSize = Number(
      ((await latest.getByTestId('latest-size').textContent()) ?? '').replace(/[^\d]/g, ''),
    );
    expect(shownSize).toBeGreaterThanOrEqual(newer);
    const { data: published } = await auditorUser.client.GET('/api/v1/audit/checkpoints', {
      params: { query: { limit: 100 } },
    });
    const shown = published?.items.find((item) => item.treeSize === shownSize);
    expect(shown).toBeDefined();
    await expect(latest.getByTestId('latest-root').textContent()).resolves.toBe(shown?.rootHash);
    await expect(latest.getByTestId('checkpoint-note').textContent()).resolves.toBe(shown?.note);
    // No witness is configured: the screen says so plainly.
    await expect(latest.getByTestId('not-cosigned').textContent()).resolves.toContain(
      'Not co-signed',
    );
    await checkScreen(page, 'audit-checkpoints');

    // The note copies, and downloads as the file an auditor keeps, byte for byte.
    await latest.getByTestId('copy-note').click();
    await latest.getByRole('status').filter({ hasText: 'copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(shown?.note);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      latest.getByTestId('download-note').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${String(shownSize).padStart(20, '0')}.checkpoint`);
    await expect(readFile((await download.path()) ?? '', 'utf8')).resolves.toBe(shown?.note);

    // The history lists both checkpoints; consistency between them is checked in the ui.browser.
    await page.getByTestId('checkpoint-table').waitFor();
    await page.getByLabel('Older checkpoint').selectOption(String(older));
    await page.getByLabel('Newer checkpoint').selectOption(String(newer));
    await page.getByTestId('check-consistency').click();
    const consistency = await verdictOf(page, 'consistency-result');
    expect(consistency.verdict).toBe('pass');
    expect(consistency.text).toContain(
      `the tree of ${newer.toLocaleString('en')} events extends the tree of ${older.toLocaleString('en')} events`,
    );
    await expect(
      page.locator('[data-testid="consistency-result"] li[data-state="ok"]').count(),
    ).resolves.toBe(4);
    await page.getByTestId('consistency-result').scrollIntoViewIfNeeded();
    await checkScreen(page, 'audit-checkpoints-consistency');

    // Prove inclusion of one of the employee's events from the audit event detail.
    await page.goto(
      `${ui.app.uiUrl}/audit?actorId=${employee.userId}&action=${encodeURIComponent('task.created')}`,
    );
    const rows = page.locator('[data-testid="audit-table"] tr.event-row');
    await waitFor(async () => ((await rows.count()) === 5 ? true : undefined), 10_000, '5 rows');
    await rows.nth(2).getByRole('button').click();
    const drawer = page.getByTestId('event-drawer');
    await drawer.getByTestId('event-detail').waitFor();
    await drawer.getByTestId('prove-inclusion').click();
    const inclusion = await verdictOf(page, 'inclusion-result');
    expect(inclusion.verdict).toBe('pass');
    expect(inclusion.text).toMatch(/Included: event #\d+ is leaf \d+ of the signed checkpoint/);
    await expect(
      drawer.locator('[data-testid="inclusion-result"] li[data-state="ok"]').count(),
    ).resolves.toBe(4);
    await page.waitForTimeout(400); // the drawer's slide-in animation
    await drawer.getByTestId('inclusion-result').scrollIntoViewIfNeeded();
    await checkScreen(page, 'audit-event-inclusion-proof');
    await context.close();

    // A phone: the screen fits 375 px.
    const narrow = await signedIn(ui.browser, ui.app, ['auditor'], { width: 375 });
    await narrow.page.goto(`${ui.app.uiUrl}/audit/checkpoints`);
    await narrow.page.getByTestId('latest-checkpoint').waitFor();
    await screenshot(narrow.page, 'audit-checkpoints-375px');
    expect(
      await narrow.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    await narrow.context.close();

    // Dark scheme: same checks for contrast.
    const dark = await newPage(ui.browser, { colorScheme: 'dark' });
    await signInThroughForm(dark.page, ui.app, auditorUser);
    await dark.page.goto(`${ui.app.uiUrl}/audit/checkpoints`);
    await dark.page.getByTestId('latest-checkpoint').waitFor();
    await dark.page.getByTestId('check-consistency').click();
    await expect(verdictOf(dark.page, 'consistency-result')).resolves.toMatchObject({
      verdict: 'pass',
    });
    await checkScreen(dark.page, 'audit-checkpoints-dark');
    await dark.context.close();
  });

  it('keeps the screen from employees', async () => {
    const { context, page } = await signedIn(ui.browser, ui.app, ['employee']);
    await expect(
      page.getByRole('link', { name: 'Checkpoints', exact: true }).count(),
    ).resolves.toBe(0);
    await page.goto(`${ui.app.uiUrl}/audit/checkpoints`);
    await page.waitForURL((url) => !url.pathname.startsWith('/audit'));
    await context.close();
  });
});
