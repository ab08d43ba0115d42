import {
  describeFilters,
  filtersFromQuery,
  filtersToQuery,
  fromLocalInput,
  hasFilters,
  toLocalInput,
} from './audit-filters';

describe('audit filters', () => {
  it('reads the URL query, trimming and dropping blanks, bad outcomes and bad times', () => {
    const filters = filtersFromQuery({
      action: ' task. ',
      actorId: '',
      targetType: 'task',
      outcome: 'maybe',
      from: 'not a date',
      to: '2026-11-23T10:00:00.000Z',
      unrelated: 'x',
    });
    expect(filters).toEqual({
      action: 'task.',
      targetType: 'task',
      to: '2026-11-23T10:00:00.000Z',
    });
    expect(filtersFromQuery({ outcome: 'failure' })).toEqual({ outcome: 'failure' });
  });

  it('normalises times to UTC ISO instants', () => {
    expect(filtersFromQuery({ from: '2026-11-23T12:00:00+02:00' }).from).toBe(
      '2026-11-23T10:00:00.000Z',
    );
  });

  it('writes every filter key, clearing absent ones, so a merge removes stale params', () => {
    expect(filtersToQuery({ action: 'auth.', outcome: 'success' })).toEqual({
      action: 'auth.',
      actorId: null,
      targetType: null,
      targetId: null,
      outcome: 'success',
      from: null,
      to: null,
    });
  });

  it('round-trips through the query', () => {
    const filters = { action: 'task.', actorId: 'u-1', from: '2026-01-01T00:00:00.000Z' };
    const query = Object.fromEntries(
      Object.entries(filtersToQuery(filters)).filter(([, value]) => value !== null),
    );
    expect(filtersFromQuery(query)).toEqual(filters);
  });

  it('converts between datetime-local values and instants in local time', () => {
    const iso = fromLocalInput('2026-03-04T05:06');
    expect(iso).toBe(new Date(2026, 2, 4, 5, 6).toISOString());
    expect(toLocalInput(iso)).toBe('2026-03-04T05:06');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput(undefined)).toBe('');
    expect(toLocalInput('garbage')).toBe('');
  });

  it('knows when any filter is set and says which', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ targetId: 't-1' })).toBe(true);
    expect(describeFilters({ action: 'task.', outcome: 'failure' })).toBe(
      'action starts with task., outcome failure',
    );
    expect(describeFilters({})).toBe('');
  });
});
