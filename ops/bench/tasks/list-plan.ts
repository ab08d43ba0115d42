/**
 * `npm run bench:list-plan`: an admin's filtered task list as the API reads it
 * (`TasksRepository.listPage`: a window of the sort index, then the filters' own indexes, then
 * the single statement) against the single statement alone (`TasksRepository.listQuery`), on
 * the 1M-task bench database (`npm run bench:tasks` seeds it; `BENCH_DATABASE_URL`), one
 * connection, the two taking turns call by call. Each case runs twice: on the seeded data, and
 * after a burst of 40,000 new tasks that match none of the filters (the creates of a
 * `bench:tasks` round), inserted in a transaction that is rolled back at the end.
 *
 * - BENCH_LIST_CALLS: calls per case and way (default 15) after a first one, which is shown
 *   apart: the plan's first call for a set of filters may count their matches, later ones
 *   remember that there are many (an LRU cache in task-list-plan.ts) for a minute.
 */
import { Client } from 'pg';
import {
  type RunListQuery,
  type TaskFilters,
  type TaskListSpec,
  TasksRepository,
} from '../../../api/src/tasks';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tasktrackr_bench_tasks';
const CALLS = Number(process.env.BENCH_LIST_CALLS ?? 15);
const BURST = 40_000;

const CASES: Array<[string, TaskFilters]> = [
  ['admin search (bench:tasks)', { status: ['todo', 'in_progress'], q: 'budget' }],
  ['a word no task has', { q: 'zzzabsent' }],
  ['a label no task has', { label: 'no-such-label' }],
  ['status blocked', { status: ['blocked'] }],
  ['overdue', { overdue: true }],
];

interface Timing {
  ms: number[];
  statements: number;
  /** The first call: for the plan, before it may remember that the filters match many. */
  first?: { ms: number; statements: number };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  const admin = await client.query<{ id: string }>(
    `SELECT id FROM users WHERE 'admin' = ANY(roles) ORDER BY created_at LIMIT 1`,
  );
  const userId = admin.rows[0]?.id;
  if (!userId) throw new Error(`no admin in ${DATABASE_URL}: run npm run bench:tasks first`);
  const { rows: count } = await client.query<{ n: string }>('SELECT count(*) n FROM tasks');
  process.stderr.write(`[list-plan] ${count[0]?.n} tasks, ${CALLS} calls per case and way\n`);

  let statements = 0;
  const run: RunListQuery = async <Row>(query: { text: string; values: unknown[] }) => {
    statements += 1;
    return (await client.query(query)).rows as Row[];
  };
  const spec = (filters: TaskFilters): TaskListSpec => ({
    viewer: { userId, seesAll: true },
    filters,
    sort: '-createdAt',
    fetch: 26,
  });

  const lines = [
    '| Data | Case | Single statement: median / p95 ms | Plan, first call: ms (statements) | Plan, later calls: median / p95 ms (statements) |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  await client.query('BEGIN');
  try {
    for (const data of ['seeded', `after ${BURST.toLocaleString('en')} new tasks`]) {
      if (data !== 'seeded') {
        await client.query(
          `INSERT INTO tasks (title, description, priority, labels, owner_id)
           SELECT 'Benchmark task', 'Created by npm run bench:tasks', 'high', '{bench}', $1
           FROM generate_series(1, $2::int)`,
          [userId, BURST],
        );
      }
      for (const [name, filters] of CASES) {
        const single: Timing = { ms: [], statements: 1 };
        const plan: Timing = { ms: [], statements: 0 };
        for (let call = 0; call <= CALLS; call += 1) {
          for (const way of call % 2 ? ['single', 'plan'] : ['plan', 'single']) {
            const started = process.hrtime.bigint();
            statements = 0;
            if (way === 'plan') await TasksRepository.listPage(run, spec(filters));
            else await client.query(TasksRepository.listQuery(spec(filters)));
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const timing = way === 'plan' ? plan : single;
            if (way === 'plan') timing.statements = statements;
            if (call === 0) timing.first = { ms, statements: way === 'plan' ? statements : 1 };
            else timing.ms.push(ms);
          }
        }
        const cell = (timing: Timing) => {
          const sorted = [...timing.ms].sort((a, b) => a - b);
          return `${quantile(sorted, 0.5).toFixed(1)} / ${quantile(sorted, 0.95).toFixed(1)}`;
        };
        const first = plan.first ? `${plan.first.ms.toFixed(1)} (${plan.first.statements})` : '?';
        lines.push(
          `| ${data} | ${name} | ${cell(single)} | ${first} | ${cell(plan)} (${plan.statements}) |`,
        );
        process.stderr.write(`[list-plan] ${lines[lines.length - 1]}\n`);
      }
    }
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
