import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser, type TestUser } from '../../../api/test/support/auth-helpers';
import type { Role } from '../../../api/src/common/access/principal';
import type { UiApp } from './ui-app';

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  user: TestUser;
}

/** A fresh browser profile (cookies, storage, service worker) for one person. */
export async function newPage(
  browser: Browser,
  options: { width?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  return { context, page };
}

/** Signs `user` in through the login form, as a person would. */
export async function signInThroughForm(page: Page, app: UiApp, user: TestUser): Promise<void> {
  await page.goto(`${app.uiUrl}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
}

/** A new user with `roles`, signed in through the UI in a fresh browser profile. */
export async function signedIn(
  browser: Browser,
  app: UiApp,
  roles: Role[],
  options: { width?: number; colorScheme?: 'light' | 'dark'; displayName?: string } = {},
): Promise<SignedInPage> {
  const user = await createUser(app, { roles, displayName: options.displayName ?? 'Robin Tester' });
  const { context, page } = await newPage(browser, options);
  await signInThroughForm(page, app, user);
  return { context, page, user };
}
