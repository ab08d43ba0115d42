import { canonicalEvent } from './chain/event-hash';
import { canonicalOfRow, chainEventOf, type EventRow } from './event-row';
import { EventTupleEncoder } from './event-tuple';

/** A binary COPY tuple of text fields, as Postgres sends `EVENT_ROW_SELECT`. */
function tupleOf(row: EventRow): Buffer {
  const parts: Buffer[] = [Buffer.from([0, row.length])];
  for (const value of row) {
    const length = Buffer.alloc(4);
    if (value === null) {
      length.writeInt32BE(-1);
      parts.push(length);
    } else {
      const bytes = Buffer.from(value, 'utf8');
      length.writeInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  return Buffer.concat(parts);
}

function row(overrides: Partial<Record<number, string | null>>): EventRow {
  const base: EventRow = [
    '42',
    '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    '2026-01-02T03:04:05.678Z',
    'task.updated',
    'user',
    'user-1',
    'ada@example.com',
    'task',
    'task-9',
    '{"title": {"after": "B", "before": "A"}}',
    'success',
    '10.0.0.1',
    'Mozilla/5.0',
    'req-1',
    'a'.repeat(64),
    'b'.repeat(64),
    '4bf92f3577b34da6a3ce929d0e0e4736',
  ];
  for (const [column, value] of Object.entries(overrides)) base[Number(column)] = value ?? null;
  return base;
}

const big = {
  list: Array.from({ length: 500 }, (_, i) => ({ z: i, a: `v${i}\n"q"`, é: null, n: 1.5e-7 })),
  nested: { b: { c: { d: [true, false, null, 'x\u0001y'] } }, a: 'ä😀' },
};

const tricky: [string, EventRow][] = [
  ['plain', row({})],
  ['nulls everywhere', row({ 5: null, 8: null, 9: null, 11: null, 12: null, 13: null })],
  ['unicode', row({ 6: 'Zoë 😀 \u2028 ü', 3: 'tâche', 12: '日本語' })],
  ['quotes and backslashes', row({ 6: 'a "quoted" \\ name', 12: 'UA "x" \\y', 8: '"' })],
  ['control characters', row({ 6: 'tab\there\nnew\rline\u0001\u001f\u007f', 13: '\b\f' })],
  ['empty strings', row({ 5: '', 6: '', 12: '' })],
  ['unsorted jsonb keys', row({ 9: '{"b": 1, "a": [1, 2.50, {"d": "x", "c": null}], "é": 1.0}' })],
  ['big nested changes', row({ 9: JSON.stringify(big) })],
  ['large seq', row({ 0: '9007199254740991' })],
  ['no trace id (events from before it, or outside a trace)', row({ 16: null })],
];

describe('EventTupleEncoder', () => {
  it.each(tricky)('writes canonicalEvent byte for byte: %s', (_, event) => {
    const encoder = new EventTupleEncoder();
    const tuple = tupleOf(event);
    // Behind another tuple, as in a COPY chunk.
    const chunk = Buffer.concat([tupleOf(row({})), tuple]);
    const next = encoder.read(chunk, encoder.read(chunk, 0));
    expect(next).toBe(chunk.length);
    const expected = canonicalOfRow(event);
    const fromEvent = chainEventOf(event);
    expect(expected).toBe(
      canonicalEvent({
        ...fromEvent,
        actor: {
          type: fromEvent.actorType,
          id: fromEvent.actorId,
          display: fromEvent.actorDisplay,
        },
        target: { type: fromEvent.targetType, id: fromEvent.targetId },
      }),
    );
    expect(encoder.buffer.toString('utf8', 64, encoder.length)).toBe(expected);
    expect(encoder.seq).toBe(Number(event[0]));
    expect(encoder.prevHash).toBe(event[14]);
    expect(encoder.hash).toBe(event[15]);
  });

  it('grows its buffer for an event larger than it', () => {
    const encoder = new EventTupleEncoder();
    const event = row({
      6: '"\u0001'.repeat(40_000),
      9: JSON.stringify({ x: 'y'.repeat(200_000) }),
    });
    encoder.read(tupleOf(event), 0);
    expect(encoder.buffer.toString('utf8', 64, encoder.length)).toBe(canonicalOfRow(event));
  });

  it('refuses a tuple that is not an event row', () => {
    expect(() => new EventTupleEncoder().read(tupleOf(['1', '2']), 0)).toThrow(/2 fields/);
  });
});
