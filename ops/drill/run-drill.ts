import { randomBytes } from 'node:crypto';
import { collect, verifyThroughApi } from './collect';
import type { DrillEnvironment } from './environment';
import { Router } from './http/router';
import { LoadGenerator } from './load/load-generator';
import { Writer } from './load/writer';
import type { DrillOptions } from './options';
import { PhaseStats } from './phase-stats';
import { startProgress } from './progress';
import { checksTable, faultTable, phaseTable, writesTable } from './report';
import { runScenario } from './scenario';
import { reconcile } from './verdict/reconcile';
import { verdict, type Verdict } from './verdict/verdict';

/** A request with no complete answer after this long is a hang. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** A client stops retrying a write this long after its first attempt. */
const GIVE_UP_AFTER_MS = 60_000;
/** How long the worker gets to seal the outbox once the load has stopped. */
const DRAIN_TIMEOUT_MS = 90_000;

export interface DrillResult {
  verdict: Verdict;
  /** The report, as Markdown (tables), for the terminal and docs/operations.md. */
  report: string[];
}

/** Load plus faults, then the reconciliation, the chain verification and the verdict. */
export async function runDrill(
  environment: DrillEnvironment,
  options: DrillOptions,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<DrillResult> {
  const { apis, worker } = environment;
  const router = new Router(apis.map((api) => ({ name: api.name, baseUrl: api.baseUrl })));
  await router.start();
  const stats = new PhaseStats('warm-up');
  const writer = new Writer(router, stats, {
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    giveUpAfterMs: GIVE_UP_AFTER_MS,
  });
  const runId = randomBytes(3).toString('hex');
  const load = new LoadGenerator(
    writer,
    [
      { name: 'employee (API token)', bearer: environment.employeeToken },
      { name: 'admin (session)', bearer: environment.adminAccessToken },
    ],
    runId,
  );
  const stopProgress = startProgress(stats, load, router, log);
  const loadStartedAt = Date.now();
  log(`load: ${options.concurrency} writers for about ${options.durationSeconds} s (run ${runId})`);
  load.start(options.concurrency);
  let windows;
  try {
    windows = await runScenario(
      {
        apis,
        worker,
        redis: environment.redis,
        postgres: environment.postgres,
        stats,
        log,
        signal,
      },
      options.durationSeconds * 1000,
    );
  } finally {
    log('load: stopping (writes in flight finish, retries included)');
    await load.stop();
    stats.end();
    stopProgress();
    await router.stop();
  }

  const processProblems: string[] = [];
  for (const app of [...apis, worker]) {
    if (app.unexpectedExits > 0)
      processProblems.push(`${app.name} exited unexpectedly (${app.lastExit})`);
    else if (!(await app.waitReady(30_000)))
      processProblems.push(`${app.name} not ready at the end`);
  }
  log('waiting for the worker to seal the audit outbox …');
  const collected = await collect(
    environment.databaseUrl,
    environment.env.AUDIT_SIGNING_KEY ?? '',
    DRAIN_TIMEOUT_MS,
  );
  const apiVerify = await verifyThroughApi(apis[1].baseUrl, environment.adminAccessToken);
  const reconciliation = reconcile(load.writes, collected.rows, collected.events);
  const givenUp = load.writes.filter((w) => !w.acknowledged).length;
  const result = verdict({
    reconciliation,
    failures: stats.failures,
    windows,
    givenUp,
    outbox: collected.outbox,
    chain: collected.chain,
    processProblems,
  });

  const report = [
    `### Requests per phase`,
    '',
    ...phaseTable(stats.all()),
    '',
    `### Faults`,
    '',
    ...faultTable(windows, loadStartedAt),
    '',
    `### Writes and audit`,
    '',
    ...writesTable(reconciliation, load.writes),
    '',
    `Outbox sealed ${collected.outbox.waitedMs} ms after the load stopped` +
      (collected.outbox.drained ? '.' : ` (not drained: ${collected.outbox.left} left).`) +
      ` Chain (verifyChain, as \`npm run audit:verify\`): ${JSON.stringify(collected.chain)}.` +
      ` \`GET /api/v1/audit/verify\` on api-2: ${apiVerify}.`,
    '',
    `### Verdict: ${result.passed ? 'PASS' : 'FAIL'}`,
    '',
    ...checksTable(result),
  ];
  return { verdict: result, report };
}
