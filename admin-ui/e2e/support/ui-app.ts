import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTestApp, type TestApp } from '../../../api/test/support/test-app';

/** The production build the tests drive (`npm run build:ui`); `ADMIN_UI_BUILD_DIR` overrides. */
export const UI_DIR = resolve(
  process.env.ADMIN_UI_BUILD_DIR ?? resolve(__dirname, '../../dist/browser'),
);

export interface UiApp extends TestApp {
  /** `http://localhost:<port>`: a loopback name, so the refresh cookie may skip `Secure`. */
  uiUrl: string;
}

/**
 * The real app (API + worker in one process) serving the built UI, with limits loosened for a
 * test run: many sign-ins from one IP, and a plain-http refresh cookie on localhost.
 */
export async function startUiApp(overrides: Record<string, string> = {}): Promise<UiApp> {
  if (!existsSync(join(UI_DIR, 'index.html'))) {
    throw new Error(`No admin UI build in ${UI_DIR}: run \`npm run build:ui\` first.`);
  }
  const app = await startTestApp({
    role: 'all',
    configOverrides: {
      ADMIN_UI_DIR: UI_DIR,
      REFRESH_COOKIE_SECURE: 'false',
      THROTTLE_AUTH_LIMIT_PER_IP: '1000',
      THROTTLE_AUTH_LIMIT_PER_EMAIL: '1000',
      THROTTLE_LIMIT: '100000',
      ...overrides,
    },
  });
  const port = new URL(app.baseUrl).port;
  return { ...app, uiUrl: `http://localhost:${port}` };
}
