import type { AuditStream } from './audit-streams-api';
import { destinationText, lagTimeText, streamState, withStream } from './stream-state';

function stream(
  overrides: Partial<AuditStream> = {},
  health: Partial<AuditStream['health']> = {},
): AuditStream {
  return {
    id: 's1',
    name: 'SIEM',
    kind: 'http-json',
    format: 'jsonl',
    url: 'https://siem.example.com/ingest',
    fileName: null,
    hasSecret: false,
    batchSize: 500,
    paused: false,
    createdAt: '2026-11-30T06:00:00.000Z',
    createdBy: { id: 'u1', display: 'auditor@example.com' },
    ...overrides,
    health: {
      lastSeq: '10',
      lastHash: null,
      headSeq: '12',
      lagEvents: 2,
      lagSeconds: 1.5,
      lastDeliveredAt: null,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      ...health,
    },
  };
}

describe('streamState', () => {
  it('is running while attempts succeed, even with an old error kept as history', () => {
    expect(streamState(stream())).toBe('running');
    expect(
      streamState(stream({}, { lastError: { at: '2026-11-30T05:00:00Z', message: '503' } })),
    ).toBe('running');
  });

  it('is failing while the latest attempts failed', () => {
    expect(streamState(stream({}, { attempts: 3 }))).toBe('failing');
  });

  it('is paused when paused, whatever failed before', () => {
    expect(streamState(stream({ paused: true }, { attempts: 3 }))).toBe('paused');
  });
});

describe('destinationText', () => {
  it('shows the URL without its query (a receiver may take a token there)', () => {
    expect(destinationText(stream({ url: 'https://siem.example.com/in?token=abc' }))).toBe(
      'https://siem.example.com/in?…',
    );
    expect(destinationText(stream())).toBe('https://siem.example.com/ingest');
  });

  it('shows the file name of a file stream', () => {
    expect(destinationText(stream({ kind: 'file', url: null, fileName: 'siem.jsonl' }))).toBe(
      'siem.jsonl',
    );
  });
});

describe('lagTimeText', () => {
  it.each([
    [0, '0 s'],
    [1.4, '1 s'],
    [59.6, '1 min 0 s'],
    [200, '3 min 20 s'],
    [7500, '2 h 5 min'],
    [3 * 86400 + 4 * 3600, '3 d 4 h'],
    [-2, '0 s'],
  ])('%s s reads %s', (seconds, text) => {
    expect(lagTimeText(seconds)).toBe(text);
  });
});

describe('withStream', () => {
  it('replaces a stream in place and keeps the order', () => {
    const list = [stream({ id: 'a' }), stream({ id: 'b' }), stream({ id: 'c' })];
    const updated = withStream(list, stream({ id: 'b', paused: true }));
    expect(updated.map((s) => [s.id, s.paused])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
  });

  it('appends a stream it does not hold yet (a new one)', () => {
    expect(withStream([stream({ id: 'a' })], stream({ id: 'n' })).map((s) => s.id)).toEqual([
      'a',
      'n',
    ]);
  });
});
