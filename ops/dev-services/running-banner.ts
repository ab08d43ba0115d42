import { maskUrl } from './resolved-service';

export interface RunningSummary {
  /** What the app reported after listening, e.g. `http://127.0.0.1:3000`. */
  appUrl: string;
  databaseUrl: string;
  redisUrl: string;
  origins: { database: string; redis: string };
  /** The file the CLIs read the services from. */
  recordPath: string;
}

/** Loopback and wildcard addresses read better (and open in a browser) as `localhost`. */
export function browsableUrl(appUrl: string): string {
  const url = new URL(appUrl);
  if (['127.0.0.1', '[::1]', '0.0.0.0', '[::]'].includes(url.hostname)) url.hostname = 'localhost';
  return url.origin;
}

/** The block `npm start` prints once it serves: where to go, and what it runs on. */
export function runningBanner(summary: RunningSummary): string {
  const base = browsableUrl(summary.appUrl);
  const rows: [string, string][] = [
    ['App', `${base}/`],
    ['Swagger', `${base}/api/docs`],
    ['Metrics', `${base}/metrics`],
    ['Database', `${maskUrl(summary.databaseUrl)} (${summary.origins.database})`],
    ['Redis', `${maskUrl(summary.redisUrl)} (${summary.origins.redis})`],
  ];
  return [
    '',
    `TaskTrackr is running (pid ${process.pid}):`,
    ...rows.map(([label, value]) => `  ${label.padEnd(9)} ${value}`),
    `CLIs (npm run user:create, seed:demo, audit:*, migration:*) use these services through`,
    `${summary.recordPath}. Ctrl-C stops everything started here.`,
    '',
  ].join('\n');
}
