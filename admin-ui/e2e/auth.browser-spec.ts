import { randomUUID } from 'node:crypto';
import { createUser } from '../../api/test/support/auth-helpers';
import { checkScreen, screenshot } from './support/page-checks';
import { newPage, signInThroughForm } from './support/session';
import { uiSuite } from './support/ui-suite';

describe('admin UI: signing in, staying signed in, signing out', () => {
  const ui = uiSuite();

  it('sends a signed-out visitor to login and back to the page they asked for', async () => {
    const user = await createUser(ui.app, { roles: ['employee'], displayName: 'Dana Deeplink' });
    const { context, page } = await newPage(ui.browser);
    await page.goto(`${ui.app.uiUrl}/account`);
    await page.waitForURL(/\/login\?returnUrl=%2Faccount/);
    await checkScreen(page, 'login');

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/\w+/);
    expect(page.url()).toContain('/login');

    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${ui.app.uiUrl}/account`);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain(
      'Dana Deeplink',
    );
    await context.close();
  });

  it('registers a new employee, keeps the token out of storage, survives a reload', async () => {
    const { context, page } = await newPage(ui.browser);
    await page.goto(`${ui.app.uiUrl}/register`);
    await checkScreen(page, 'register');
    const email = `new-${randomUUID()}@example.com`;
    await page.getByLabel('Name').fill('Nora Newcomer');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('password');
    await page.getByRole('button', { name: 'Create account' }).click();
    // 'password' passes no policy: the form refuses it before the server sees it.
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${ui.app.uiUrl}/`);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain(
      'Nora Newcomer',
    );

    const stored = await page.evaluate(() =>
      JSON.stringify({ ...globalThis.localStorage, ...globalThis.sessionStorage }),
    );
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT at rest
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'tt_refresh')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth',
    });

    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(page.url()).toBe(`${ui.app.uiUrl}/`);
    await context.close();
  });

  it('signs out: the session is revoked, a reload stays signed out', async () => {
    const user = await createUser(ui.app, { roles: ['employee'] });
    const { context, page } = await newPage(ui.browser);
    await signInThroughForm(page, ui.app, user);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(page.url()).toContain('/login');
    await context.close();
  });

  it('is usable at 375 px and in the dark scheme', async () => {
    const narrow = await newPage(ui.browser, { width: 375 });
    await narrow.page.goto(`${ui.app.uiUrl}/login`);
    await narrow.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(narrow.page, 'login-375px');
    const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await narrow.context.close();

    const dark = await newPage(ui.browser, { colorScheme: 'dark' });
    await dark.page.goto(`${ui.app.uiUrl}/login`);
    await dark.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await checkScreen(dark.page, 'login-dark');
    const background = await dark.page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    expect(background).not.toBe('rgb(255, 255, 255)');
    await dark.context.close();
  });
});

describe('admin UI: an access token that expires mid-session', () => {
  // Three-second access tokens: a ten-second session outlives several of them.
  const ui = uiSuite({ ACCESS_TOKEN_TTL_SECONDS: '3' });

  it('keeps working with no visible interruption', async () => {
    const user = await createUser(ui.app, { roles: ['employee'], displayName: 'Evan Expiry' });
    const { context, page } = await newPage(ui.browser);
    const apiStatuses: number[] = [];
    let refreshes = 0;
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path === '/api/v1/auth/refresh' && response.status() === 200) refreshes += 1;
      else if (path.startsWith('/api/v1/')) apiStatuses.push(response.status());
    });
    await signInThroughForm(page, ui.app, user);

    const started = Date.now();
    const stops = ['/account', '/tasks', '/'];
    for (let round = 0; Date.now() - started < 10_000; round += 1) {
      const path = stops[round % stops.length] ?? '/';
      await page
        .getByRole('link', { name: linkName(path) })
        .first()
        .click();
      await page.waitForURL(`${ui.app.uiUrl}${path}`);
      await page.waitForTimeout(1_500);
      expect(page.url()).not.toContain('/login');
      expect(await page.getByTestId('page-error').count()).toBe(0);
    }
    expect(refreshes).toBeGreaterThanOrEqual(2);
    // Each API call succeeded in the end: any 401 was followed by a successful retry.
    expect(apiStatuses.filter((status) => status >= 500)).toEqual([]);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('Evan Expiry');
    await context.close();
  });
});

function linkName(path: string): string {
  if (path === '/account') return 'Account';
  if (path === '/tasks') return 'Tasks';
  return 'Dashboard';
}
