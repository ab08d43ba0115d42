import { changeRows, showValue } from './event-changes';

describe('changeRows', () => {
  it('lists before/after per field, sorted, with absent sides as null', () => {
    expect(
      changeRows({
        title: { before: 'Draft', after: 'Final' },
        assigneeId: { before: null, after: 'u-2' },
        labels: { after: ['a', 'b'] },
        password: { before: '[REDACTED]', after: '[REDACTED]' },
      }),
    ).toEqual([
      { field: 'assigneeId', before: 'null', after: 'u-2' },
      { field: 'labels', before: null, after: '["a","b"]' },
      { field: 'password', before: '[REDACTED]', after: '[REDACTED]' },
      { field: 'title', before: 'Draft', after: 'Final' },
    ]);
  });

  it('shows a value that is not in before/after form as the new value', () => {
    expect(changeRows({ query: { action: 'task.' } })).toEqual([
      { field: 'query', before: null, after: '{"action":"task."}' },
    ]);
  });

  it('has no rows without changes', () => {
    expect(changeRows(null)).toEqual([]);
    expect(changeRows({})).toEqual([]);
  });

  it('shows strings as they are and other values as JSON', () => {
    expect(showValue('a "b"')).toBe('a "b"');
    expect(showValue(3)).toBe('3');
    expect(showValue(false)).toBe('false');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});
