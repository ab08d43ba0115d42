import { Client, Pool } from 'pg';
import { CopyOutStream } from '../src/audit-log/copy-out-stream';
import { EVENT_ROW_SELECT, EventRow } from '../src/audit-log/event-row';
import { csvHeader, csvLine, jsonLine } from '../src/audit-log/export-format';
import { ExportRowWriter } from '../src/audit-log/export-row-writer';
import { exportCopyStream, inlineParams } from '../src/audit-log/export-stream';

/**
 * The streamed export writes its lines from binary COPY tuples (`export-row-writer.ts`); the JS
 * formatter in `export-format.ts` is the reference. Both run here over awkward rows, in a temporary
 * `audit_events` (same columns, no triggers) that shadows any real one for this connection
 * only, so the run's shared chain is never touched.
 */
describe('audit export written from binary COPY (e2e)', () => {
  let client: Client;

  const formulaLeads = ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'quoted"];
  const awkward = [
    'plain',
    '',
    'comma, here',
    'say "hi"',
    'two\r\nlines',
    'lf\nonly',
    'back\\slash \\n not a newline',
    'tab\tinside',
    'controls \u0001\u0008\u000b\u000c\u001f\u007f',
    'unicode: é ß 漢字 😀 \u2028 \u2029 \u200f עברית',
    '</script>/slash',
    ...formulaLeads,
  ];

  /** One row per awkward value in every free-text column, plus NULLs and a big change set. */
  function rows(): unknown[][] {
    const out: unknown[][] = [];
    const big: Record<string, { before: unknown; after: unknown }> = {};
    for (let i = 0; i < 3000; i += 1) {
      big[`field ${i} "${awkward[i % awkward.length]}"`] = {
        before: { nested: [i, null, true, awkward[(i + 1) % awkward.length]], n: i / 7 },
        after: awkward[(i + 2) % awkward.length],
      };
    }
    let seq = -3;
    const add = (value: string | null, changes: unknown, overrides: Partial<Row> = {}) => {
      seq += 1;
      const row: Row = {
        seq,
        occurred: new Date(Date.UTC(2026, 0, 1) + seq * 1234.567).toISOString(),
        action: value ?? 'task.updated',
        actorType: value ?? 'user',
        actorId: value,
        actorDisplay: value ?? 'Ada',
        targetType: value ?? 'task',
        targetId: value,
        changes: changes === undefined ? null : JSON.stringify(changes),
        outcome: value ?? 'success',
        ip: value,
        userAgent: value,
        requestId: value,
        prevHash: value ?? 'p',
        hash: value ?? 'h',
        traceId: value,
        ...overrides,
      };
      out.push(Object.values(row));
    };
    for (const value of awkward) add(value, { [value]: { before: value, after: null } });
    add(null, undefined);
    add(null, big);
    add('x', {}, { occurred: '1969-12-31T23:59:59.999Z' });
    // jsonb scalars: a CSV cell starting with '-' gets the guard, a string gets quoted.
    add('neg', -1.5, { occurred: '1999-12-31T23:59:59.9995Z' });
    add('str', 'a,"b"\n', { occurred: '2000-01-01T00:00:00.0005Z' });
    // Far from 2000 (beyond ±2^53 µs), years of five digits and before 1 AD.
    add('far', [], { occurred: '1492-10-12T01:02:03.004005Z' });
    add('far2', [], { occurred: '12345-06-07T08:09:10.011Z' });
    add('bc', [], { occurred: '0044-03-15 12:00:00.5+00 BC' });
    add('inf', null, { occurred: 'infinity' });
    add(
      'y',
      { deep: { after: { a: { b: { c: [1, 'é\\"'] } } } } },
      {
        occurred: '2026-06-30T12:34:56.789123Z',
      },
    );
    // A seq beyond 2^53 (exact only as a bigint) is the last row.
    add('big', null, { seq: '1152921504606846977' });
    return out;
  }

  interface Row {
    seq: number | string;
    occurred: string;
    action: string;
    actorType: string;
    actorId: string | null;
    actorDisplay: string;
    targetType: string;
    targetId: string | null;
    changes: string | null;
    outcome: string;
    ip: string | null;
    userAgent: string | null;
    requestId: string | null;
    prevHash: string;
    hash: string;
    traceId: string | null;
  }

  async function copy(format: 'csv' | 'jsonl', where = ''): Promise<CopyOutStream> {
    const stream = exportCopyStream(format, where);
    void client.query(stream as never);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Object.assign(stream, { bytes: Buffer.concat(chunks) });
  }

  async function reference(format: 'csv' | 'jsonl', where = ''): Promise<Buffer> {
    const result = await client.query<EventRow>({
      text: `SELECT ${EVENT_ROW_SELECT} FROM audit_events ${where} ORDER BY audit_events.seq`,
      rowMode: 'array',
      types: { getTypeParser: () => (value: string) => value },
    });
    const lines = result.rows.map(format === 'csv' ? csvLine : jsonLine).join('');
    return Buffer.from(format === 'csv' ? csvHeader() + lines : lines, 'utf8');
  }

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    // The columns of migrations AuditEvents1763921100000 and AuditTraceContext1796200000000
    // (this spec needs no migrated schema).
    await client.query(`CREATE TEMP TABLE audit_events (
      seq bigint PRIMARY KEY, id uuid NOT NULL, occurred_at timestamptz NOT NULL,
      action text COLLATE "C" NOT NULL, actor_type text NOT NULL, actor_id text,
      actor_display text NOT NULL, target_type text NOT NULL, target_id text, changes jsonb,
      outcome text NOT NULL, ip text, user_agent text, request_id text, prev_hash text NOT NULL,
      hash text NOT NULL, trace_id text)`);
    for (const row of rows()) {
      await client.query(
        `INSERT INTO audit_events (seq, id, occurred_at, action, actor_type, actor_id,
           actor_display, target_type, target_id, changes, outcome, ip, user_agent, request_id,
           prev_hash, hash, trace_id)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
           $15, $16)`,
        row,
      );
    }
  });
  afterAll(() => client.end());

  it.each(['csv', 'jsonl'] as const)(
    'writes %s byte for byte as the JS formatter',
    async (format) => {
      const expected = await reference(format);
      const { bytes, rows: count } = (await copy(format)) as CopyOutStream & { bytes: Buffer };
      expect(count).toBe(awkward.length + 11);
      // Line by line first, for a readable failure; then the whole file.
      expect(bytes.toString('utf8').split('\n')).toEqual(expected.toString('utf8').split('\n'));
      expect(bytes.equals(expected)).toBe(true);
    },
  );

  it('keeps the seq and hash of the first and last rows', async () => {
    const stream = await copy('jsonl');
    expect(stream.first).toEqual(['-2', 'plain']);
    expect(stream.lastRow()).toEqual(['1152921504606846977', 'big']);
    const csv = await copy('csv', 'WHERE seq < 0');
    expect(csv.first).toEqual(['-2', 'plain']);
    expect(csv.lastRow()).toEqual(['-1', '']);
  });

  it('filters with values inlined as literals, quotes and backslashes included', async () => {
    const where = `WHERE ${inlineParams('actor_id = $1 OR action LIKE $2 OR occurred_at < $3', [
      'say "hi"\'; DROP TABLE audit_events; --',
      'back\\\\slash%',
      new Date('1970-01-01T00:00:00Z'),
    ])}`;
    const stream = (await copy('csv', where)) as CopyOutStream & { bytes: Buffer };
    expect(stream.bytes.equals(await reference('csv', where))).toBe(true);
    expect(stream.rows).toBe(4); // 'back\slash…', and the rows of 1969, 1492 and 44 BC.
  });

  it('stops the COPY in Postgres when the reader leaves mid-way', async () => {
    const name = `copy-abort-${process.pid}`;
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, application_name: name });
    try {
      const pooled = await pool.connect();
      const stream = new CopyOutStream(
        // generate_series in the select list streams (in FROM it would be materialised first).
        `COPY (SELECT g, gen_random_uuid(), now(), repeat('x', 500), 'user', NULL::text, 'd',
                 't', NULL::text, NULL::jsonb, 'success', NULL::text, NULL::text, NULL::text,
                 'p', 'h', NULL::text
                FROM (SELECT generate_series(1, 10000000)::bigint AS g) AS s)
           TO STDOUT (FORMAT binary)`,
        new ExportRowWriter('jsonl'),
      );
      void pooled.query(stream as never);
      // Read a little, then stop reading (the socket is paused under us), then leave.
      await new Promise((resolve) => stream.once('data', resolve));
      stream.pause();
      await new Promise((resolve) => setTimeout(resolve, 200));
      stream.destroy();
      pooled.release(true); // what ExportStream.release does for a COPY cut off mid-way
      let active = 1;
      for (let i = 0; i < 50 && active > 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
          [name],
        );
        active = rows[0].n;
      }
      expect(active).toBe(0);
      expect(stream.rows).toBeLessThan(10_000_000);
    } finally {
      await pool.end();
    }
  });

  it('fails with the error Postgres raises mid-COPY, and leaves the connection usable', async () => {
    const stream = new CopyOutStream(
      `COPY (SELECT g, gen_random_uuid(), now(), (1 / (50000 - g))::text, 'user', NULL::text,
               'd', 't', NULL::text, NULL::jsonb, 'success', NULL::text, NULL::text, NULL::text,
               'p', 'h', NULL::text
              FROM (SELECT generate_series(1, 100000)::bigint AS g) AS s)
         TO STDOUT (FORMAT binary)`,
      new ExportRowWriter('csv'),
    );
    void client.query(stream as never);
    await expect(stream.toArray()).rejects.toThrow('division by zero');
    expect(stream.rows).toBeGreaterThan(0);
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('writes an empty export as just the CSV header', async () => {
    const stream = (await copy('csv', 'WHERE false')) as CopyOutStream & { bytes: Buffer };
    expect(stream.bytes.toString('utf8')).toBe(csvHeader());
    expect(stream.first).toBeUndefined();
    expect(stream.lastRow()).toBeUndefined();
  });
});
