/** `ts-node ops/bench/tasks/seed-only.ts`: seeds the bench database without measuring. */
import { seed } from './seed';

seed({
  databaseUrl:
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tasktrackr_bench_tasks',
  users: 1000,
  tasks: Number(process.env.BENCH_TASKS ?? 1_000_000),
  reseed: process.env.BENCH_RESEED === '1',
}).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
