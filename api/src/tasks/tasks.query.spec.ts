import { buildTaskListQuery } from './tasks.query';

const me = '11111111-1111-4111-8111-111111111111';

describe('buildTaskListQuery', () => {
  it('reads an admin page straight from the live sort index, with id as tie-breaker', () => {
    const { text, values } = buildTaskListQuery({
      viewer: { userId: me, seesAll: true },
      filters: {},
      sort: '-createdAt',
      fetch: 26,
    });
    expect(text).toContain('ORDER BY t.created_at DESC, t.id DESC');
    expect(text).toContain('t.deleted_at IS NULL');
    expect(text).not.toContain('UNION ALL');
    expect(values).toEqual([26]);
  });

  it('seeks past the cursor row in the sort direction, casting the key back to its type', () => {
    const asc = buildTaskListQuery({
      viewer: { userId: me, seesAll: true },
      filters: {},
      sort: 'priority',
      fetch: 11,
      after: ['high', me],
    });
    expect(asc.text).toContain('(t.priority, t.id) > ($1::task_priority, $2::uuid)');
    expect(asc.values).toEqual(['high', me, 11]);

    const desc = buildTaskListQuery({
      viewer: { userId: me, seesAll: true },
      filters: {},
      sort: '-dueAt',
      fetch: 11,
      after: ['infinity', me],
    });
    expect(desc.text).toContain(
      `(COALESCE(t.due_at, 'infinity'::timestamptz), t.id) < ($1::timestamptz, $2::uuid)`,
    );
  });

  it('splits employee visibility into an owner branch and an assignee branch without duplicates', () => {
    const { text, values } = buildTaskListQuery({
      viewer: { userId: me, seesAll: false },
      filters: { status: ['todo', 'blocked'], label: 'q4', q: 'report' },
      sort: 'createdAt',
      fetch: 26,
    });
    expect(text).toContain('UNION ALL');
    expect(text).toMatch(/t\.owner_id = \$(\d+)::uuid/);
    expect(text).toMatch(/t\.assignee_id = \$\d+::uuid\s+AND t\.owner_id <> \$\d+::uuid/);
    expect(text).toContain(`t.search @@ websearch_to_tsquery('simple', $3)`);
    expect(values).toEqual([['todo', 'blocked'], 'q4', 'report', 26, me]);
  });
});
