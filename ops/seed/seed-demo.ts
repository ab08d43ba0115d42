import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { exitWithFailure, UsageError } from '../cli/cli-failure';
import { loadDotenvLikeTheApi } from '../dev-services/load-dotenv';

const USAGE = `Usage: npm run seed:demo [-- --tasks N]
Fills the database the running \`npm start\` uses (or DATABASE_URL) with demo data: an admin,
an auditor and eight employees (their passwords are printed once, when created), N tasks
(default 3000) and the audit events all of it yields. Safe to run again: it only adds what is
missing. Refuses to run when NODE_ENV=production.`;

const DEFAULT_TASKS = 3000;

function parseTaskCount(): number {
  const { values } = parseArgs({
    options: { tasks: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const tasks = Number(values.tasks ?? DEFAULT_TASKS);
  if (!Number.isInteger(tasks) || tasks < 0 || tasks > 1_000_000) {
    throw new UsageError('--tasks must be a whole number between 0 and 1000000');
  }
  return tasks;
}

async function main(): Promise<void> {
  const targetTasks = parseTaskCount();
  loadDotenvLikeTheApi();
  if (process.env.NODE_ENV === 'production') {
    throw new UsageError('refusing to add demo data with NODE_ENV=production.');
  }
  // The app's modules load only now: usage and refusals answer at once.
  const { seedDemo } = await import('./seed-run');
  await seedDemo(targetTasks);
}

main().catch((error: unknown) => exitWithFailure('seed:demo', error));
