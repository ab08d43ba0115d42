import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AuditSealerService } from '../src/audit-log/audit-sealer.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import { canonicalOfRow, type EventRow } from '../src/audit-log/event-row';
import { openEventRowStream } from '../src/audit-log/event-row-stream';
import { EventTupleEncoder } from '../src/audit-log/event-tuple';
import { openEventTupleStream } from '../src/audit-log/event-tuple-stream';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { testEvent } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/** Awkward values for every text column and `changes`, as the app records them. */
const awkward = [
  testEvent('test.copy.unicode', {
    actor: { type: 'user', id: 'ü-😀', display: 'Zoë 😀 \u2028 日本語' },
    changes: {
      é: { before: 'ä', after: '😀' },
      b: { before: 1.5, after: [1, 2.25, null, true] },
      a: { before: 1e21, after: 0.1 },
    },
  }),
  testEvent('test.copy."quotes"\\', {
    actor: { type: 'user', id: 'say "hi"', display: 'back\\slash "q"' },
    target: { type: 'task', id: '"' },
    context: { ip: null, userAgent: 'UA "x" \\y', requestId: null },
  }),
  testEvent('test.copy.control', {
    actor: { type: 'user', id: null, display: 'tab\there\nnew\rline\u0001\u001f\u007f' },
    changes: { note: { before: '\b\f', after: 'x\u0002y' } },
  }),
  testEvent('test.copy.nulls', {
    actor: { type: 'system', id: null, display: '' },
    target: { type: 'task', id: null },
    changes: undefined,
    context: { ip: null, userAgent: null, requestId: null },
  }),
  testEvent('test.copy.big', {
    changes: {
      zz: { before: null, after: 'x'.repeat(20_000) },
      list: {
        before: Array.from({ length: 300 }, (_, i) => ({ z: i, a: `v${i}\n"q"`, é: 1e-7 })),
        after: { b: { c: { d: [true, false, null, 'x\u0001y'] } }, a: 'ä😀' },
      },
    },
  }),
];

describe('verify reads events through binary COPY (e2e)', () => {
  let app: TestApp;
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_verify_copy');

  beforeAll(async () => {
    const url = await createDatabase(serverUrl, database);
    app = await startTestApp({
      role: 'all',
      configOverrides: { DATABASE_URL: url, QUEUE_PREFIX: database },
    });
    await app.dataSource.transaction(async (manager) => {
      for (const event of awkward) await app.app.get(AuditLogService).record(manager, event);
    });
    await app.app.get(AuditSealerService).drain();
  });

  afterAll(async () => {
    await app.close();
    await dropDatabase(serverUrl, database);
  });

  it('writes the same canonical bytes as the cursor path, and the sealed chain verifies', async () => {
    const [{ max }]: { max: string }[] = await app.dataSource.query(
      'SELECT max(seq)::text AS max FROM audit_events',
    );
    const cursor = await openEventRowStream(app.dataSource, [], []);
    const expected: string[] = [];
    try {
      for await (const row of cursor.rows as AsyncIterable<EventRow>) {
        expected.push(canonicalOfRow(row));
      }
    } finally {
      cursor.release();
    }
    expect(expected.length).toBeGreaterThanOrEqual(awkward.length);

    const copy = await openEventTupleStream(app.dataSource, 1n, BigInt(max));
    const encoder = new EventTupleEncoder();
    const actual: string[] = [];
    try {
      for await (const chunk of copy.body as AsyncIterable<Buffer>) {
        for (let at = 0; at < chunk.length;) {
          at = encoder.read(chunk, at);
          actual.push(encoder.buffer.toString('utf8', 64, encoder.length));
        }
      }
    } finally {
      copy.release();
    }
    expect(actual).toEqual(expected);
    expect(actual.some((text) => text.includes('\\u0001'))).toBe(true);

    expect(await app.app.get(AuditVerifierService).verify()).toMatchObject({
      ok: true,
      checked: expected.length,
    });
  });
});
