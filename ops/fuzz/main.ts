import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { exitWithFailure, UsageError } from '../cli/cli-failure';

const USAGE = `Usage: npm run fuzz -- [--seed N] [--requests N] [--budget-seconds N] [--concurrency N]
                      [--max-argon2 N] [--replay PATH] [--server-log]
Sends generated requests (valid and hostile, from libs/sdk/openapi.json) to the real app booted
in process on a fresh database, and fails if any answer is a 5xx, an error that is not an
RFC 9457 problem, or a 2xx that breaks its schema. Without --seed the seed is random (printed).
--replay PATH sends only the request a report names (e.g. 482 or 482:3:0), with --seed.`;

const DEFAULTS = { requests: 5000, budgetSeconds: 600, concurrency: 4, maxArgon2: 40 };

function integer(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  }
  return value;
}

function readArgs() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      requests: { type: 'string' },
      'budget-seconds': { type: 'string' },
      concurrency: { type: 'string' },
      'max-argon2': { type: 'string' },
      replay: { type: 'string' },
      'server-log': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.replay !== undefined && values.seed === undefined) {
    throw new UsageError('--replay needs the --seed of the run that reported it');
  }
  if (values.replay !== undefined && !/^\d+(:\d+)*$/.test(values.replay)) {
    throw new UsageError(`--replay takes a path like 482 or 482:3:0, got "${values.replay}"`);
  }
  return {
    seed: integer('seed', values.seed, randomInt(2 ** 31), -(2 ** 31), 2 ** 31 - 1),
    requests: integer('requests', values.requests, DEFAULTS.requests, 1, 10_000_000),
    budgetSeconds: integer(
      'budget-seconds',
      values['budget-seconds'],
      DEFAULTS.budgetSeconds,
      1,
      86_400,
    ),
    concurrency: integer('concurrency', values.concurrency, DEFAULTS.concurrency, 1, 64),
    maxArgon2: integer('max-argon2', values['max-argon2'], DEFAULTS.maxArgon2, 0, 10_000),
    replay: values.replay,
    serverLog: values['server-log'] === true,
  };
}

const log = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

/**
 * `npm run fuzz`: the spec-driven fuzzer (issue #15) against a throwaway copy of the app. Exit
 * code 1 when anything failed, with the minimal reproducing requests and how to replay them.
 */
async function main(): Promise<void> {
  const args = readArgs();
  log(`seed ${args.seed}`);
  process.env.LOG_LEVEL = args.serverLog ? 'error' : (process.env.LOG_LEVEL ?? 'silent');
  // The app's modules load only now, after the arguments passed.
  const { prepareFuzzEnvironment } = await import('./fuzz-environment');
  const { fuzzConfig } = await import('./fuzz-app');
  const { withFuzzSession } = await import('./fuzz-session');
  const { requestAt, runFuzz } = await import('./runner');
  const { formatReport } = await import('./report');
  const { formatRequest } = await import('./request-model');
  const environment = await prepareFuzzEnvironment((line) => log(line));
  // Interrupted: still drop the database and stop what was started, then leave.
  const interrupt = () => {
    log('interrupted: cleaning up');
    void environment.cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const config = fuzzConfig({ exportDir: environment.exportDir, runSeconds: args.budgetSeconds });
    const booting = Date.now();
    await withFuzzSession(config, args.concurrency, async ({ arbitrary, target }) => {
      log(`app and fixtures ready in ${((Date.now() - booting) / 1000).toFixed(1)} s`);
      if (args.replay !== undefined) {
        const request = requestAt(arbitrary, args.seed, args.replay);
        const outcome = await target.send(request);
        const result = target.check(request, outcome);
        const answer =
          outcome.kind === 'response'
            ? `${outcome.response.status} ${String(outcome.response.headers['content-type'])}\n${outcome.response.body.toString('utf8').slice(0, 2000)}`
            : `${outcome.kind}: ${outcome.error}`;
        process.stdout.write(`${formatRequest(request)}\n\n→ ${answer}\n\n`);
        for (const finding of [...result.failures, ...result.warnings]) {
          process.stdout.write(`${finding.kind} ${finding.status ?? ''}: ${finding.message}\n`);
        }
        process.exitCode = result.failures.length > 0 ? 1 : 0;
        return;
      }
      log(
        `sending ${args.requests} requests (budget ${args.budgetSeconds} s, ${args.concurrency} at a time)`,
      );
      const report = await runFuzz(arbitrary, target, {
        seed: args.seed,
        requests: args.requests,
        budgetMs: args.budgetSeconds * 1000,
        concurrency: args.concurrency,
        costCaps: { argon2: args.maxArgon2, export: 40 },
        shrink: { maxFailures: 10, maxAttempts: 300 },
        progressEveryMs: 5_000,
        onProgress: (p) =>
          log(
            `${p.sent}/${p.target} sent, ${p.failures} failing, ${(p.elapsedMs / 1000).toFixed(0)} s`,
          ),
      });
      process.stdout.write(`${formatReport(report)}\n`);
      process.exitCode = report.failures.length > 0 ? 1 : 0;
    });
  } finally {
    await environment.cleanUp();
  }
}

main().catch((error: unknown) => exitWithFailure('fuzz', error));
