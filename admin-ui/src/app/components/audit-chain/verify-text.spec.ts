import { brokenChainText, intactChainText } from './verify-text';

const at = new Date('2026-11-23T18:00:00Z');

describe('verify texts', () => {
  it('describes an intact chain with its count and head', () => {
    expect(
      intactChainText({ result: { ok: true, checked: 1042 }, headSeq: '1042', checkedAt: at }),
    ).toBe('1,042 events check out, up to head #1042.');
    expect(
      intactChainText({ result: { ok: true, checked: 1 }, headSeq: null, checkedAt: at }),
    ).toBe('1 event checks out.');
  });

  it('names the first broken link and why', () => {
    expect(
      brokenChainText({
        result: {
          ok: false,
          checked: 16,
          firstBadSeq: '17',
          reason: 'hash of seq 17 does not match its content',
        },
        headSeq: '20',
        checkedAt: at,
      }),
    ).toBe(
      'First broken link at event #17: hash of seq 17 does not match its content. 16 events checked.',
    );
  });
});
