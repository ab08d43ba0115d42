import { randomUUID } from 'node:crypto';
import type { Schema, TaskTrackrClient } from '@tasktrackr/sdk';
import type { Locator, Page } from 'playwright-core';
import { createUser } from '../../api/test/support/auth-helpers';
import { dialogOpened } from './support/dialogs';
import { checkScreen, screenshot } from './support/page-checks';
import { newPage, signedIn } from './support/session';
import { uiSuite } from './support/ui-suite';

/** The Users screen, reached through the navigation as an admin would. */
async function openUsers(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
}

/** Filters the users table by `email` and waits until exactly that user's row is shown. */
async function findUserRow(page: Page, email: string): Promise<Locator> {
  await page.getByLabel('Filter by email').fill(email);
  await page.waitForFunction((wanted) => {
    const rows = Array.from(document.querySelectorAll('tr[data-email]'));
    return rows.length === 1 && rows[0]?.getAttribute('data-email') === wanted;
  }, email);
  return page.locator(`tr[data-email="${email}"]`);
}

/** Every user, through the API's cursor paging. */
async function allUsers(client: TaskTrackrClient): Promise<Schema<'User'>[]> {
  const users: Schema<'User'>[] = [];
  let cursor: string | null = null;
  do {
    const query: { limit: number; cursor?: string } = cursor
      ? { limit: 100, cursor }
      : { limit: 100 };
    const { data } = await client.GET('/api/v1/users', { params: { query } });
    users.push(...(data?.items ?? []));
    cursor = data?.nextCursor ?? null;
  } while (cursor);
  return users;
}

/** Waits until every open dialog has opened (and focused its first field), for screenshots. */
async function dialogSettled(page: Page): Promise<void> {
  await dialogOpened(page);
  await page.waitForTimeout(250); // the backdrop's fade
}

/** No horizontal scrolling of the page itself (wide tables scroll inside their own box). */
async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('admin UI: users (admin) and my account', () => {
  const ui = uiSuite();

  it('an admin disables a user, whose next request is refused and who cannot sign in again', async () => {
    const employee = await signedIn(ui.browser, ui.app, ['employee'], {
      displayName: 'Erin Employee',
    });
    const admin = await signedIn(ui.browser, ui.app, ['admin'], { displayName: 'Ada Admin' });

    await openUsers(admin.page);
    const row = await findUserRow(admin.page, employee.user.email);
    await expect(row.getByTestId('status').textContent()).resolves.toContain('Active');
    await row.getByRole('button', { name: 'Disable Erin Employee' }).click();
    const confirm = admin.page.getByRole('alertdialog');
    await confirm.getByText(employee.user.email, { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.getByTestId('status').getByText('Disabled').waitFor();
    await row.getByRole('button', { name: 'Enable Erin Employee' }).waitFor();

    // The server agrees.
    const listed = await admin.user.client.GET('/api/v1/users', {
      params: { query: { email: employee.user.email } },
    });
    expect(listed.data?.items).toEqual([
      expect.objectContaining({ id: employee.user.userId, disabled: true }),
    ]);

    // The employee's ui.browser still shows the ui.app; its next request is refused: back to login.
    const page = employee.page;
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.waitForURL(/\/login\?returnUrl=%2Faccount/);
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);

    // Signing in again is refused, with the API's own words.
    const refused = await ui.app.sdk.POST('/api/v1/auth/login', {
      body: { email: employee.user.email, password: employee.user.password },
    });
    expect(refused.response.status).toBe(401);
    const apiMessage = refused.error?.detail ?? refused.error?.title ?? '';
    expect(apiMessage).not.toBe('');
    await page.getByLabel('Email').fill(employee.user.email);
    await page.getByLabel('Password').fill(employee.user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain(apiMessage);
    expect(page.url()).toContain('/login');

    // Enabling lets them in again (not destructive: no confirmation).
    await row.getByRole('button', { name: 'Enable Erin Employee' }).click();
    await row.getByTestId('status').getByText('Active').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();

    await employee.context.close();
    await admin.context.close();
  });

  it('an admin creates a user with a generated password, who then signs in', async () => {
    const admin = await signedIn(ui.browser, ui.app, ['admin'], { displayName: 'Ada Admin' });
    const { page, context } = admin;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.app.uiUrl });
    await openUsers(page);
    await page.locator('tr[data-email]').first().waitFor();
    await checkScreen(page, 'users-list');

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialogOpened(page);
    const localPart = `new-person-${randomUUID().slice(0, 8)}`;
    const email = `${localPart}@example.com`;
    await dialog.getByLabel('Name').fill('Nico Newhire');
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('checkbox', { name: /Auditor/ }).check();

    // The server's password policy lands on the password field (not the email as password).
    await dialog.getByLabel('Initial password').fill(localPart);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByTestId('password-error').textContent()).resolves.toMatch(/email/i);

    // A taken email (any case): the API's 409 detail on the email field.
    await dialog.getByLabel('Email').fill(admin.user.email.toUpperCase());
    await dialog.getByRole('button', { name: 'Generate a strong password' }).click();
    const password = await dialog.getByTestId('initial-password').inputValue();
    expect(password).toHaveLength(20);
    expect(await dialog.getByTestId('initial-password').getAttribute('type')).toBe('text');
    await dialogSettled(page);
    await checkScreen(page, 'users-create-dialog');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByTestId('email-error').textContent()).resolves.toContain(
      'An account with this email address already exists.',
    );

    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('button', { name: 'Copy password' }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(password);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator(`tr[data-email="${email}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Nico Newhire.*Employee.*Auditor.*Active/s);

    // The new person signs in with the password the admin handed over.
    const newcomer = await newPage(ui.browser);
    await newcomer.page.goto(`${ui.app.uiUrl}/login`);
    await newcomer.page.getByLabel('Email').fill(email);
    await newcomer.page.getByLabel('Password').fill(password);
    await newcomer.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(newcomer.page.getByTestId('current-user').textContent()).resolves.toContain(
      'Nico Newhire',
    );
    // Auditor + employee: both navigation entries, no admin ones.
    await newcomer.page.getByRole('link', { name: 'Audit log', exact: true }).waitFor();
    expect(await newcomer.page.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);

    await newcomer.context.close();
    await context.close();
  });

  it('changing roles: removing admin asks first, and the last admin is refused by the API', async () => {
    const admin = await signedIn(ui.browser, ui.app, ['admin'], { displayName: 'Ada Admin' });
    const other = await createUser(ui.app, {
      roles: ['employee', 'admin'],
      displayName: 'Olli Other',
    });
    const { page, context } = admin;
    await openUsers(page);

    let row = await findUserRow(page, other.email);
    await row.getByRole('button', { name: 'Edit roles of Olli Other' }).click();
    const rolesDialog = page.getByRole('dialog', { name: 'Roles of Olli Other' });
    await rolesDialog.getByRole('checkbox', { name: /Admin/ }).uncheck();
    await rolesDialog.getByRole('button', { name: 'Save roles' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove admin from Olli Other?' });
    await confirm.getByRole('button', { name: 'Remove admin' }).click();
    await rolesDialog.waitFor({ state: 'detached' });
    await expect(row.textContent()).resolves.not.toContain('Admin');
    const after = await admin.user.client.GET('/api/v1/users', {
      params: { query: { email: other.email } },
    });
    expect(after.data?.items[0]?.roles).toEqual(['employee']);

    // Disable every other admin through the API (restored below), then demote ourselves: 409.
    const disabledAdmins: string[] = [];
    for (const user of await allUsers(admin.user.client)) {
      if (user.id !== admin.user.userId && user.roles.includes('admin') && !user.disabled) {
        await admin.user.client.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { disabled: true },
        });
        disabledAdmins.push(user.id);
      }
    }
    row = await findUserRow(page, admin.user.email);
    await row.getByRole('button', { name: 'Edit roles of Ada Admin' }).click();
    const own = page.getByRole('dialog', { name: 'Roles of Ada Admin' });
    await own.getByRole('checkbox', { name: /Employee/ }).check();
    await own.getByRole('checkbox', { name: /Admin/ }).uncheck();
    await own.getByRole('button', { name: 'Save roles' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove admin' }).click();
    await expect(own.getByTestId('roles-error').textContent()).resolves.toContain(
      'At least one enabled admin must remain',
    );
    await own.getByRole('button', { name: 'Cancel' }).click();

    // Disabling the last admin (ourselves) is refused too, inside the confirmation.
    await row.getByRole('button', { name: 'Disable Ada Admin' }).click();
    const disable = page.getByRole('alertdialog', { name: 'Disable Ada Admin?' });
    await disable.getByText('This is your own account', { exact: false }).waitFor();
    await disable.getByRole('button', { name: 'Disable' }).click();
    await expect(disable.getByTestId('confirm-error').textContent()).resolves.toContain(
      'At least one enabled admin must remain',
    );
    await disable.getByRole('button', { name: 'Cancel' }).click();
    await expect(row.getByTestId('status').textContent()).resolves.toContain('Active');

    for (const id of disabledAdmins) {
      await admin.user.client.PATCH('/api/v1/users/{id}', {
        params: { path: { id } },
        body: { disabled: false },
      });
    }
    await context.close();
  });

  it('my account: name, API token shown once, used and revoked, sessions revoked', async () => {
    const me = await signedIn(ui.browser, ui.app, ['employee'], { displayName: 'Mira Mine' });
    const { page, context } = me;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.app.uiUrl });
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page.getByTestId('this-device').waitFor();
    await expect(page.getByTestId('profile-email').textContent()).resolves.toBe(me.user.email);
    await checkScreen(page, 'account');

    // Display name: saved on the server, shown in the toolbar at once.
    await page.getByLabel('Display name').fill('Mira Renamed');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByTestId('current-user').filter({ hasText: 'Mira Renamed' }).waitFor();
    const profile = await me.user.client.GET('/api/v1/users/me');
    expect(profile.data?.displayName).toBe('Mira Renamed');

    // A token with one scope: its value is shown once, with a working copy button.
    await page.getByRole('button', { name: 'New token' }).click();
    const create = page.getByRole('dialog', { name: 'New API token' });
    await create.getByLabel('Name').fill('CI pipeline');
    // Employees see only the task scopes (docs/auth.md).
    expect(await create.getByRole('checkbox').count()).toBe(2);
    await create.getByRole('checkbox', { name: /tasks:read/ }).check();
    await create.getByRole('button', { name: 'Create token' }).click();
    const created = page.getByRole('dialog', { name: 'Token “CI pipeline” created' });
    await created.getByText("you won't see it again", { exact: false }).waitFor();
    const token = await created.getByTestId('token-value').inputValue();
    expect(token).toMatch(/^tt_/);
    await created.getByRole('button', { name: 'Copy', exact: true }).click();
    await created.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(token);
    await dialogSettled(page);
    await checkScreen(page, 'account-token-created');
    await created.getByRole('button', { name: 'I have copied it' }).click();
    await created.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);
    const item = page.locator('[data-testid="token"][data-name="CI pipeline"]');
    await expect(item.textContent()).resolves.toMatch(/tasks:read[\s\S]*Last used\s*Never/);

    // The token works, with exactly the scope chosen.
    const withToken = ui.app.client(token);
    expect((await withToken.GET('/api/v1/tasks')).response.status).toBe(200);
    const write = await withToken.POST('/api/v1/tasks', { body: { title: 'Not allowed' } });
    expect(write.response.status).toBe(403);

    // Revoke it (with confirmation): the API refuses it from then on.
    await item.getByRole('button', { name: 'Revoke token CI pipeline' }).click();
    const revoke = page.getByRole('alertdialog', { name: 'Revoke “CI pipeline”?' });
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await item.waitFor({ state: 'detached' });
    expect((await withToken.GET('/api/v1/tasks')).response.status).toBe(401);

    // Sessions: this ui.browser, and the one the test helper signed in (user agent e2e-test).
    const sessions = page.getByTestId('session');
    expect(await sessions.count()).toBe(2);
    const otherSession = sessions.filter({ hasText: 'e2e-test' });
    await expect(otherSession.textContent()).resolves.toContain('127.0.0.1');
    expect(await otherSession.getByTestId('this-device').count()).toBe(0);
    expect((await me.user.client.GET('/api/v1/users/me')).response.status).toBe(200);
    await otherSession.getByRole('button', { name: /^Sign out e2e-test/ }).click();
    await page
      .getByRole('alertdialog', { name: 'Sign out e2e-test?' })
      .getByRole('button', { name: 'Sign out' })
      .click();
    await otherSession.waitFor({ state: 'detached' });
    expect(await sessions.count()).toBe(1);
    // That session's access token stops working at once; this ui.browser stays signed in.
    expect((await me.user.client.GET('/api/v1/users/me')).response.status).toBe(401);
    await page.getByRole('button', { name: 'Reload sessions' }).click();
    await page.getByTestId('this-device').waitFor();
    expect(await sessions.count()).toBe(1);

    // Password: a wrong current one is named on its field; the new one works for signing in.
    const newPassword = `new passphrase ${randomUUID().slice(0, 8)}`;
    await page.getByLabel('Current password').fill('not my password at all');
    await page.locator('input[formcontrolname="newPassword"]').fill(newPassword);
    await page.locator('input[formcontrolname="repeat"]').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('current-password-error').waitFor();
    await page.getByLabel('Current password').fill(me.user.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.', { exact: false }).waitFor();
    const relogin = await ui.app.sdk.POST('/api/v1/auth/login', {
      body: { email: me.user.email, password: newPassword },
    });
    expect(relogin.response.status).toBe(200);

    await page.getByRole('button', { name: 'Sign out this device' }).click();
    await page
      .getByRole('alertdialog', { name: 'Sign out this device?' })
      .getByRole('button', { name: 'Sign out' })
      .click();
    await page.waitForURL(/\/login/);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close();
  });

  it('users and account at 375 px and in the dark scheme', async () => {
    const narrow = await signedIn(ui.browser, ui.app, ['admin', 'auditor'], {
      width: 375,
      displayName: 'Nat Narrow',
    });
    await narrow.page.getByRole('button', { name: 'Open navigation' }).click();
    await openUsers(narrow.page);
    await narrow.page.locator('tr[data-email]').first().waitFor();
    await screenshot(narrow.page, 'users-list-375px');
    expect(await pageWidth(narrow.page)).toBeLessThanOrEqual(375);

    await narrow.page.getByRole('button', { name: 'Open navigation' }).click();
    await narrow.page.getByRole('link', { name: 'Account', exact: true }).click();
    await narrow.page.getByTestId('this-device').waitFor();
    await screenshot(narrow.page, 'account-375px');
    expect(await pageWidth(narrow.page)).toBeLessThanOrEqual(375);
    await narrow.page.getByRole('heading', { name: 'My sessions' }).scrollIntoViewIfNeeded();
    await screenshot(narrow.page, 'account-375px-sessions');
    // An auditor+admin may create tokens with every scope.
    await narrow.page.getByRole('button', { name: 'New token' }).click();
    const create = narrow.page.getByRole('dialog', { name: 'New API token' });
    expect(await create.getByRole('checkbox').count()).toBe(4);
    await dialogSettled(narrow.page);
    await screenshot(narrow.page, 'account-create-token-375px');
    await create.getByRole('button', { name: 'Cancel' }).click();
    await narrow.context.close();

    const dark = await signedIn(ui.browser, ui.app, ['admin'], {
      colorScheme: 'dark',
      displayName: 'Dee Dark',
    });
    await openUsers(dark.page);
    await dark.page.locator('tr[data-email]').first().waitFor();
    await checkScreen(dark.page, 'users-list-dark');
    await dark.page.getByRole('link', { name: 'Account', exact: true }).click();
    await dark.page.getByTestId('this-device').waitFor();
    await checkScreen(dark.page, 'account-dark');
    const background = await dark.page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    expect(background).not.toBe('rgb(255, 255, 255)');
    await dark.context.close();
  });
});
