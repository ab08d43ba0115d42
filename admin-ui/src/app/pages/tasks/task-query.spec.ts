import { apiParams, EMPTY_QUERY, paramsFromQuery, queryFromParams, sameQuery } from './task-query';

describe('task list query ⇄ URL', () => {
  it('reads filters, search and sort from the URL, dropping unknown values', () => {
    const query = queryFromParams({
      status: 'blocked,todo,nonsense',
      priority: ['urgent', 'high'],
      label: '  q4 ',
      overdue: 'true',
      q: ' budget report ',
      sort: '-dueAt',
    });
    expect(query).toEqual({
      status: ['todo', 'blocked'],
      priority: ['high', 'urgent'],
      label: 'q4',
      overdue: true,
      q: 'budget report',
      sort: '-dueAt',
    });
  });

  it('falls back to the defaults for a bare or malformed URL', () => {
    expect(queryFromParams({})).toEqual(EMPTY_QUERY);
    expect(queryFromParams({ sort: 'title', overdue: 'yes', status: '' })).toEqual(EMPTY_QUERY);
  });

  it('writes only what differs from the defaults, and survives the round trip', () => {
    const query = { ...EMPTY_QUERY, status: ['done' as const, 'todo' as const], q: 'x' };
    const params = paramsFromQuery(query);
    expect(params).toEqual({
      status: 'todo,done',
      priority: null,
      label: null,
      overdue: null,
      q: 'x',
      sort: null,
    });
    const back = queryFromParams(Object.fromEntries(Object.entries(params).filter(([, v]) => v)));
    expect(sameQuery(back, query)).toBe(true);
  });

  it('builds the listTasks parameters with nothing empty and the cursor when paging', () => {
    expect(apiParams(EMPTY_QUERY)).toEqual({ sort: '-createdAt', limit: 25 });
    expect(
      apiParams(
        {
          ...EMPTY_QUERY,
          priority: ['urgent', 'low'],
          overdue: true,
          label: ' ops ',
          sort: 'dueAt',
        },
        'abc',
      ),
    ).toEqual({
      sort: 'dueAt',
      limit: 25,
      priority: ['low', 'urgent'],
      label: 'ops',
      overdue: true,
      cursor: 'abc',
    });
  });
});
