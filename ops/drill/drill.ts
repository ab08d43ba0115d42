import 'reflect-metadata';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeCliFailure } from '../cli/cli-failure';
import { DevServicesError } from '../dev-services/errors';
import { ensureBuilt } from './build';
import { startEnvironment } from './environment';
import { parseDrillOptions, USAGE } from './options';
import { findPostgresBinaries } from './postgres-binaries';
import { runDrill } from './run-drill';
import { Teardown } from './teardown';
import { createTempSpace } from './temp-space';

const ROOT = resolve(__dirname, '..', '..');
const startedAt = Date.now();

function log(line: string): void {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[drill ${seconds}s] ${line}\n`);
}

/**
 * `npm run drill`: the reliability drill (docs/operations.md, "Reliability drill"). Exit code
 * 0 when every criterion holds, 1 when one fails or the drill could not run, 2 on misuse.
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseDrillOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const teardown = new Teardown();
  const abort = new AbortController();
  let keepLogs = options.keepLogs;
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything the drill started`);
    keepLogs = true;
    abort.abort(new DevServicesError(`interrupted by ${signal}`));
    void teardown.runAll().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  // Before anything starts: what is missing is said at once.
  const binaries = findPostgresBinaries();
  ensureBuilt(ROOT, log);
  const space = createTempSpace();
  teardown.trackFolder(space.root);
  teardown.add('remove the temporary folder', () => {
    if (keepLogs) {
      const kept = join(
        ROOT,
        '.data',
        'drill',
        new Date(startedAt).toISOString().replace(/[:.]/g, '-'),
      );
      mkdirSync(kept, { recursive: true });
      cpSync(space.logs, kept, { recursive: true });
      log(`logs kept in ${kept}`);
    }
    rmSync(space.root, { recursive: true, force: true });
    teardown.forgetFolder(space.root);
    return Promise.resolve();
  });

  let code = 1;
  try {
    const environment = await startEnvironment(ROOT, binaries, space, options, teardown, log);
    const result = await runDrill(environment, options, log, abort.signal);
    process.stdout.write(`\n${result.report.join('\n')}\n\n`);
    code = result.verdict.passed ? 0 : 1;
    if (!result.verdict.passed) keepLogs = true;
  } catch (error) {
    keepLogs = true;
    // After Ctrl-C what fails is only the teardown pulling things away: say that instead.
    process.stderr.write(
      describeCliFailure('drill', abort.signal.aborted ? abort.signal.reason : error),
    );
  } finally {
    log('stopping the app processes, Redis and PostgreSQL; removing temporary data');
    const failures = await teardown.runAll();
    for (const failure of failures) log(`teardown: ${failure}`);
  }
  log(code === 0 ? 'PASS' : 'FAIL');
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(describeCliFailure('drill', error));
    process.exit(1);
  },
);
