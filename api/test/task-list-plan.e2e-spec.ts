import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { typeormOptions } from '../src/database/typeorm-options';
import {
  LIST_BOUND,
  LIST_WINDOW,
  readTaskListPage,
  type RunListQuery,
} from '../src/tasks/task-list-plan';
import type { TaskListRow } from '../src/tasks/task-row';
import type { TaskSort } from '../src/tasks/task.constants';
import {
  buildTaskListQuery,
  type SqlQuery,
  type TaskFilters,
  type TaskListSpec,
} from '../src/tasks/tasks.query';

const OLD = 12_000;
const NEW = 3_000;
const RARE = 7;
/** Titles come from a small vocabulary, every word in 5 % of tasks, as in the bench's seed. */
const WORDS = `ARRAY['amber','birch','cedar','delta','ember','fjord','grove','heath','inlet','jade',
  'knoll','lumen','maple','north','orbit','pearl','quartz','ridge','slate','tundra']`;

/**
 * An admin's filtered task list (task-list-plan.ts) against the single statement it replaces,
 * on a database of its own whose data provokes each step: the newest 3,000 tasks say "fresh",
 * the 12,000 before them "alpha" (some "rare" too), so a search for "alpha" finds nothing in the
 * newest rows and a search for an absent word nothing at all. Every page of every case must be
 * the single statement's page, row for row and cursor for cursor.
 */
describe('task list plan (e2e, real Postgres)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_list_plan');
  let client: Client;
  let admin: string;

  beforeAll(async () => {
    const url = await createDatabase(serverUrl, database);
    const source = new DataSource(
      typeormOptions({
        url,
        poolSize: 2,
        connectTimeoutMs: 10_000,
        applicationName: 'list-plan-e2e',
      }),
    );
    await source.initialize();
    await runMigrationsLocked(source, { log: () => undefined });
    await source.destroy();
    client = new Client({ connectionString: url });
    await client.connect();
    admin = (
      await client.query<{ id: string }>(
        `INSERT INTO users (email, display_name, password_hash, roles)
         VALUES ($1, 'Plan admin', 'x', '{admin}') RETURNING id`,
        [`plan-${randomUUID()}@example.com`],
      )
    ).rows[0].id;
    // Old tasks first, then new ones, a millisecond apart: created_at orders them as inserted.
    // Statuses, priorities and due dates cycle so that other filters and sorts have ties.
    await client.query(
      `INSERT INTO tasks (title, status, priority, due_at, labels, owner_id, created_at)
       SELECT CASE WHEN i <= $2::int THEN 'alpha ' ELSE 'fresh ' END || (${WORDS})[1 + i % 20]
                || CASE WHEN i <= $2::int AND i % ($2::int / $3::int) = 0 THEN ' rare' ELSE '' END,
              (ARRAY['todo','in_progress','blocked','done'])[1 + i % 4]::task_status,
              (ARRAY['low','medium','high','urgent'])[1 + i % 4]::task_priority,
              CASE WHEN i % 3 = 0 THEN NULL ELSE timestamptz '2026-11-01' + (i % 50) * interval '1 day' END,
              CASE WHEN i <= $2::int AND i % 200 = 0 THEN '{old-label}'::text[] ELSE '{}'::text[] END,
              $1, timestamptz '2026-01-01' + i * interval '1 millisecond'
       FROM generate_series(1, $2::int + $4::int) AS i`,
      [admin, OLD, RARE, NEW],
    );
    await client.query('ANALYZE tasks');
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await dropDatabase(serverUrl, database);
  });

  /** Runs statements on the test's connection, counting them. */
  function counted(): { run: RunListQuery; statements: SqlQuery[] } {
    const statements: SqlQuery[] = [];
    const run: RunListQuery = async <Row>(query: SqlQuery) => {
      statements.push(query);
      return (await client.query(query)).rows as Row[];
    };
    return { run, statements };
  }

  const spec = (filters: TaskFilters, sort: TaskSort, after?: string[]): TaskListSpec => ({
    viewer: { userId: admin, seesAll: true },
    filters,
    sort,
    fetch: 26,
    after,
  });

  const key = (row: TaskListRow) => `${row.id} ${row.sort_key}`;

  /** Walks every page both ways; returns how many statements each plan page took. */
  async function compareAllPages(filters: TaskFilters, sort: TaskSort): Promise<number[]> {
    const counts: number[] = [];
    let after: string[] | undefined;
    for (let page = 0; page < 1_000; page += 1) {
      const { run, statements } = counted();
      const planned = await readTaskListPage(run, spec(filters, sort, after));
      const single = (
        await client.query<TaskListRow>(buildTaskListQuery(spec(filters, sort, after)))
      ).rows;
      expect(planned.map(key)).toEqual(single.map(key));
      counts.push(statements.length);
      if (single.length < 26) return counts;
      const last = single[24];
      after = [last.sort_key, last.id];
    }
    throw new Error('more pages than the data holds');
  }

  it('answers a page of common matches from the first window (one statement)', async () => {
    const { run, statements } = counted();
    const rows = await readTaskListPage(run, spec({ q: 'fresh' }, '-createdAt'));
    expect(rows).toHaveLength(26);
    expect(rows.every((row) => row.title.startsWith('fresh'))).toBe(true);
    expect(statements).toHaveLength(1);
    // The plan's own marks are not part of a row.
    expect(Object.keys(rows[0]).sort()).toEqual(
      Object.keys(
        (await client.query<TaskListRow>(buildTaskListQuery(spec({ q: 'fresh' }, '-createdAt'))))
          .rows[0],
      ).sort(),
    );
  });

  it('finds rare and absent terms through the search index, reading only the window of the sort index', async () => {
    const { run, statements } = counted();
    const rare = await readTaskListPage(run, spec({ q: 'rare' }, '-createdAt'));
    expect(rare).toHaveLength(RARE);
    expect(statements).toHaveLength(2);

    // What the plan reads of `tasks` for a word no task has: the window of the sort index and
    // an empty lookup in the search index. (The single statement reads every live task here
    // when Postgres guesses the word in a few hundred tasks, as at 1M: docs/benchmarks.md.)
    const rowsRead = async (query: SqlQuery): Promise<number> => {
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>({
        text: `EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`,
        values: query.values,
      });
      const scanned = (node: PlanNode): number =>
        (/Scan$/.test(node['Node Type']) && node['Relation Name'] === 'tasks'
          ? node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)
          : 0) + (node.Plans ?? []).reduce((sum, child) => sum + scanned(child), 0);
      return scanned((rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0].Plan);
    };
    const absent = counted();
    expect(await readTaskListPage(absent.run, spec({ q: 'zzzabsent' }, '-createdAt'))).toEqual([]);
    expect(absent.statements).toHaveLength(2);
    const [window, bounded] = absent.statements;
    // The window's rows, and one more the window function looks ahead at.
    expect(await rowsRead(window)).toBeLessThanOrEqual(LIST_WINDOW + 1);
    expect(await rowsRead(bounded)).toBe(0);
  });

  it('falls back to the single statement when matches are many but not among the newest', async () => {
    const { run, statements } = counted();
    const rows = await readTaskListPage(run, spec({ q: 'alpha' }, '-createdAt'));
    expect(rows[0].title).toMatch(/^alpha /);
    expect(rows[0].created_at.getTime()).toBe(Date.parse('2026-01-01') + OLD);
    expect(statements).toHaveLength(3);
    expect(OLD).toBeGreaterThan(LIST_BOUND);

    // Asked again (another admin, a refresh): the filters are known to have many matches, so
    // the window is followed by the single statement, without counting them again.
    const again = counted();
    const rowsAgain = await readTaskListPage(again.run, spec({ q: 'alpha' }, '-createdAt'));
    const single = buildTaskListQuery(spec({ q: 'alpha' }, '-createdAt'));
    expect(again.statements.map((statement) => statement.text)).toEqual([
      expect.stringContaining('window_row'),
      single.text,
    ]);
    expect(rowsAgain.map(key)).toEqual(rows.map(key));
  });

  // The last column: how many statements the pages took (1, 2, 3: which step answered), so
  // each step's answers are compared with the single statement's somewhere below.
  it.each<[string, TaskFilters, TaskSort, number[]]>([
    ['a rare term, newest first', { q: 'rare' }, '-createdAt', [2]],
    ['an old label, oldest first', { label: 'old-label' }, 'createdAt', [2]],
    ['a status and a term, by due date', { status: ['blocked'], q: 'fresh' }, 'dueAt', [1]],
    ['overdue, by priority (no urgent task is overdue)', { overdue: true }, '-priority', [1, 3]],
    ['a due range, latest due first', { dueAfter: new Date('2026-12-01') }, '-dueAt', [1, 2, 3]],
  ])(
    'pages exactly like the single statement: %s',
    async (_name, filters, sort, steps) => {
      const counts = await compareAllPages(filters, sort);
      expect([...new Set(counts)].sort()).toEqual(steps);
    },
    120_000,
  );
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
