import { formatLsn, parseLsn, parseSortableLsn, sortableLsn } from './lsn';

describe('WAL positions', () => {
  it('parses pg_lsn text into numbers that order as the WAL does', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBe(1n << 32n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(parseLsn(null)).toBeNull();
    expect(parseLsn(undefined)).toBeNull();
    expect(() => parseLsn('16B3748')).toThrow('Not a pg_lsn');
  });

  it('writes them back as Postgres does', () => {
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    expect(formatLsn(0n)).toBe('0/0');
  });

  it('has a fixed-width text form whose string order is the WAL order', () => {
    const positions = ['0/FFFFFFFF', '1/0', '0/16B3748', 'A/1'].map((text) => parseLsn(text)!);
    const bySortable = [...positions].sort((a, b) =>
      sortableLsn(a) < sortableLsn(b) ? -1 : sortableLsn(a) > sortableLsn(b) ? 1 : 0,
    );
    expect(bySortable).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const position of positions)
      expect(parseSortableLsn(sortableLsn(position))).toBe(position);
    expect(parseSortableLsn(null)).toBeNull();
    expect(parseSortableLsn('0/16B3748')).toBeNull();
  });
});
