import { withItem, withoutItem } from './with-item';

describe('withItem / withoutItem', () => {
  const list = [
    { id: 'a', v: 1 },
    { id: 'b', v: 1 },
  ];

  it('replaces an item in place and appends an unknown one', () => {
    expect(withItem(list, { id: 'a', v: 2 })).toEqual([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]);
    expect(withItem(list, { id: 'c', v: 1 }).map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });

  it('removes by id', () => {
    expect(withoutItem(list, 'a')).toEqual([{ id: 'b', v: 1 }]);
  });
});
