import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startUiApp, type UiApp } from './ui-app';

export interface UiSuite {
  readonly app: UiApp;
  readonly browser: Browser;
}

/**
 * Starts the app (API + worker + the built UI, with `overrides`) and Chromium before the
 * calling `describe`'s tests and closes both after them. Read `app` and `browser` inside tests.
 */
export function uiSuite(overrides: Record<string, string> = {}): UiSuite {
  let app: UiApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startUiApp(overrides);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test`);
    return value;
  };
  return {
    get app() {
      return started(app, 'the UI app');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}
