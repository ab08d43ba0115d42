// `npm start`, as ONE process (package.json runs it with `exec`, so npm's own child is this
// process and not a shell): runs the build steps, then the launcher (dist/ops/dev-services/
// start.js) in this same process.
//
// Why: npm passes a SIGTERM to the shell it runs a script in, and a shell dies of it without
// passing it on, so `kill <npm pid>` used to leave the launcher, its embedded Postgres and its
// redis-server running. With no shell in between, npm's SIGTERM reaches the launcher, which
// drains and stops everything; npm waits for that and exits with its code. (The launcher also
// stops when its parent dies, for the shells and npm versions that behave otherwise.)
//
// Plain JavaScript: it runs before anything is compiled.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The same npm that runs us, without a shell (npm sets npm_execpath for its scripts). */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  return npmCli
    ? [process.execPath, [npmCli, 'run', '--silent', script]]
    : ['npm', ['run', '--silent', script]];
}

/**
 * What runs before the app, in order. Keep each step's label short: it is shown as
 * `[n/total] label…`, then how long it took.
 */
const BUILD_STEPS = [
  { label: 'compiling API', command: npmRun('build') },
  // Rebuilds the admin UI only when its sources changed (ops/ui/build-ui-if-changed.ts).
  {
    label: 'admin UI',
    command: [process.execPath, [join(root, 'dist', 'ops', 'ui', 'build-ui-if-changed.js')]],
  },
];

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Runs one step as a child in its own process group, so that a signal to us (or our parent's
 * death) stops the whole step, npm, shell and compiler alike. Resolves with its exit code.
 */
function runStep([command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: true });
    let stoppedBy;
    const stop = (signal) => {
      if (stoppedBy) return;
      stoppedBy = signal;
      process.stderr.write(`\n[start] ${signal}: stopping the build\n`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const signals = Object.keys(SIGNAL_EXIT);
    for (const signal of signals) process.on(signal, stop);
    const parent = process.ppid;
    const watch = setInterval(() => process.ppid !== parent && stop('SIGTERM'), 500);
    const done = (code) => {
      clearInterval(watch);
      for (const signal of signals) process.off(signal, stop);
      if (stoppedBy) process.exit(SIGNAL_EXIT[stoppedBy]);
      resolve(code);
    };
    child.once('error', (error) => {
      process.stderr.write(`[start] could not run ${command}: ${error.message}\n`);
      done(1);
    });
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const total = BUILD_STEPS.length + 1;
  for (const [index, step] of BUILD_STEPS.entries()) {
    process.stderr.write(`[${index + 1}/${total}] ${step.label}…\n`);
    const started = Date.now();
    const code = await runStep(step.command);
    if (code !== 0) {
      process.stderr.write(`[start] ${step.label} failed (exit code ${code}); not starting.\n`);
      process.exit(code);
    }
    process.stderr.write(
      `[start] ${step.label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  process.stderr.write(`[${total}/${total}] starting…\n`);
  await import(pathToFileURL(join(root, 'dist', 'ops', 'dev-services', 'start.js')).href);
}

await main();
