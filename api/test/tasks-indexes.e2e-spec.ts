import { buildTaskListQuery, TaskListSpec } from '../src/tasks/tasks.query';
import { startTestApp, TestApp } from './support/test-app';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The list query must be served by the migration's indexes, not by scanning and sorting the
 * table. 60,000 tasks over 300 users make the planner's choice meaningful.
 */
describe('task list indexes (e2e)', () => {
  let app: TestApp;
  let employee: string;

  beforeAll(async () => {
    app = await startTestApp();
    await app.dataSource.transaction(async (manager) => {
      const users: Array<{ id: string }> = await manager.query(
        `INSERT INTO users (email, display_name, password_hash, roles)
         SELECT 'idx-' || g || '-' || gen_random_uuid() || '@example.com', 'Index user ' || g, 'not-a-hash', '{employee}'
         FROM generate_series(1, 300) g RETURNING id`,
      );
      employee = users[0].id;
      await manager.query(
        `INSERT INTO tasks (title, description, status, priority, due_at, owner_id, assignee_id, labels, created_at)
         SELECT 'Task ' || g || CASE WHEN g % 997 = 0 THEN ' zebra' ELSE '' END,
                'Description ' || g,
                (ARRAY['todo','in_progress','blocked','done'])[1 + g % 4]::task_status,
                (ARRAY['low','medium','high','urgent'])[1 + g % 4]::task_priority,
                CASE WHEN g % 3 = 0 THEN NULL ELSE now() + (g % 90 - 30) * interval '1 day' END,
                u.ids[1 + g % 300], u.ids[1 + (g * 7) % 300],
                ARRAY['label-' || (g % 50)],
                now() - g * interval '1 second'
         FROM generate_series(1, 60000) g, (SELECT array_agg(id) ids FROM users WHERE email LIKE 'idx-%') u`,
      );
    });
    await app.dataSource.query('ANALYZE tasks');
  });
  afterAll(() => app.close());

  async function plan(spec: Omit<TaskListSpec, 'fetch'>): Promise<PlanNode[]> {
    const { text, values } = buildTaskListQuery({ ...spec, fetch: 26 });
    const [row] = await app.dataSource.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
      `EXPLAIN (FORMAT JSON) ${text}`,
      values,
    );
    return nodesOf(row['QUERY PLAN'][0].Plan);
  }
  const indexes = (nodes: PlanNode[]) => nodes.map((node) => node['Index Name']).filter(Boolean);
  const types = (nodes: PlanNode[]) => nodes.map((node) => node['Node Type']);

  it.each([
    ['-createdAt', 'created'],
    ['dueAt', 'due'],
    ['-priority', 'priority'],
  ] as const)(
    'an admin page in %s order is an index scan of tasks_live_%s_idx, no sort',
    async (sort, name) => {
      const nodes = await plan({ viewer: { userId: employee, seesAll: true }, filters: {}, sort });
      expect(indexes(nodes)).toEqual([`tasks_live_${name}_idx`]);
      expect(types(nodes)).not.toContain('Sort');
      expect(types(nodes)).not.toContain('Seq Scan');
    },
  );

  it.each([
    ['createdAt', 'created'],
    ['-dueAt', 'due'],
    ['priority', 'priority'],
  ] as const)(
    'an employee page in %s order reads the owner and assignee indexes',
    async (sort, name) => {
      const nodes = await plan({ viewer: { userId: employee, seesAll: false }, filters: {}, sort });
      expect(indexes(nodes).sort()).toEqual([
        `tasks_assignee_${name}_idx`,
        `tasks_owner_${name}_idx`,
      ]);
      expect(types(nodes)).not.toContain('Seq Scan');
    },
  );

  it('a deep page seeks into the index after the cursor row', async () => {
    const [row] = await app.dataSource.query<Array<{ k: string; id: string }>>(
      `SELECT created_at::text AS k, id FROM tasks ORDER BY created_at DESC, id DESC OFFSET 40000 LIMIT 1`,
    );
    const nodes = await plan({
      viewer: { userId: employee, seesAll: true },
      filters: {},
      sort: '-createdAt',
      after: [row.k, row.id],
    });
    expect(indexes(nodes)).toEqual(['tasks_live_created_idx']);
    const [analysed] = await app.dataSource.query<
      Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode & { 'Actual Rows': number } }> }>
    >(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${buildTaskListQuery({ viewer: { userId: employee, seesAll: true }, filters: {}, sort: '-createdAt', fetch: 26, after: [row.k, row.id] }).text}`,
      [row.k, row.id, 26],
    );
    // It reads the page, not the 40,000 rows before it.
    expect(analysed['QUERY PLAN'][0].Plan['Actual Rows']).toBe(26);
  });

  it('full-text search uses the GIN index', async () => {
    const nodes = await plan({
      viewer: { userId: employee, seesAll: true },
      filters: { q: 'zebra' },
      sort: '-createdAt',
    });
    expect(indexes(nodes)).toContain('tasks_search_idx');
  });
});
