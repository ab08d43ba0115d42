import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzConfig } from './fuzz-app';
import { startFuzzSession, type FuzzSession } from './fuzz-session';
import { REGRESSIONS, regressionRequest } from './regressions';
import { formatReport } from './report';
import { runFuzz } from './runner';

/** Fixed, so a failure here replays with `npm run fuzz -- --seed 20260115 --replay <path>`. */
const SEED = 20_260_115;
const REQUESTS = 5_000;
/** Sending and shrinking; boot and setup come on top. */
const BUDGET_SECONDS = 150;

/**
 * Issue #15, "no 5xx from any input": the spec-driven fuzzer (ops/fuzz, docs/fuzzing.md) sends
 * 5,000 generated requests, valid and hostile, as every kind of caller, to the real app. Any
 * 5xx, error that is not a problem, or 2xx off its schema fails the test with the minimal
 * reproducing requests. The database comes from the e2e global setup; the Redis prefix is the
 * fuzzer's own, so its thousands of requests from 127.0.0.1 do not use up the rate-limit
 * budget of the suites that run after it (they share the run's prefix and IP).
 */
describe('spec-driven fuzzing (e2e)', () => {
  let exportDir: string;
  let session: FuzzSession;

  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'tt-fuzz-e2e-'));
    const config = fuzzConfig({ exportDir, runSeconds: BUDGET_SECONDS });
    config.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'tt_test'}_fuzz`;
    session = await startFuzzSession(config, 4);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await rm(exportDir, { recursive: true, force: true });
  });

  it.each(REGRESSIONS)('still answers what it once failed: $found', async (regression) => {
    const request = regressionRequest(regression, session.fixtures);
    const outcome = await session.target.send(request);
    expect(session.target.check(request, outcome).failures).toEqual([]);
    expect(outcome.kind === 'response' && outcome.response.status).toBe(regression.status);
  });

  it(
    `answers ${REQUESTS} generated requests without a 5xx, a non-problem error or a 2xx off its schema`,
    async () => {
      const report = await runFuzz(session.arbitrary, session.target, {
        seed: SEED,
        requests: REQUESTS,
        budgetMs: BUDGET_SECONDS * 1000,
        concurrency: 4,
        // Fewer password hashes than the CLI's default: this runs inside `npm test`.
        costCaps: { argon2: 24, export: 30 },
        shrink: { maxFailures: 5, maxAttempts: 150 },
      });
      if (report.failures.length > 0 || report.sent < REQUESTS) {
        throw new Error(formatReport(report));
      }
      process.stderr.write(
        `fuzz e2e: seed ${SEED}, ${report.sent} requests in ${(report.elapsedMs / 1000).toFixed(1)} s, ` +
          `no failures, ${report.warnings.length} kinds of warning (npm run fuzz lists them)\n`,
      );
      expect(report.sent).toBe(REQUESTS);
    },
    (BUDGET_SECONDS + 30) * 1000,
  );
});
