import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditStreamEntity } from '../entities/audit-stream.entity';
import type { StreamedEvent } from '../ocsf-mapping';
import { buildBatch } from '../stream-batch';
import { FileSink } from './file-sink';

const event = (seq: string): StreamedEvent => ({
  id: `id-${seq}`,
  seq,
  occurredAt: '2026-11-30T06:00:00.000Z',
  actor: { type: 'system', id: null, display: 'test' },
  action: 'test.done',
  target: { type: 'doc', id: seq },
  changes: null,
  outcome: 'success',
  ip: null,
  userAgent: null,
  requestId: null,
  prevHash: `h${Number(seq) - 1}`,
  hash: `h${seq}`,
});

describe('FileSink', () => {
  const directory = mkdtempSync(join(tmpdir(), 'file-sink-'));
  const stream = (fileName: string) => ({ fileName }) as AuditStreamEntity;

  it('appends a header line and one line per event', async () => {
    const sink = new FileSink(directory);
    const batch = buildBatch('s', 'jsonl', [event('1'), event('2')]);
    expect(await sink.send(stream('a.jsonl'), batch)).toEqual({ ok: true, error: null });
    const lines = readFileSync(join(directory, 'a.jsonl'), 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0])).toMatchObject({
      auditStreamBatch: { batchId: 's:1-2', firstSeq: '1', lastSeq: '2', lastHash: 'h2' },
    });
    expect(JSON.parse(lines[2])).toMatchObject({ seq: '2', hash: 'h2' });
  });

  it('starts on a fresh line after a torn one (a crash mid-append), so the torn line stands alone', async () => {
    writeFileSync(join(directory, 'b.jsonl'), '{"auditStreamBatch":{"batchId":"s:1-');
    const sink = new FileSink(directory);
    await sink.send(stream('b.jsonl'), buildBatch('s', 'jsonl', [event('1')]));
    const lines = readFileSync(join(directory, 'b.jsonl'), 'utf8').split('\n');
    expect(lines[0]).toBe('{"auditStreamBatch":{"batchId":"s:1-');
    expect(JSON.parse(lines[1])).toMatchObject({ auditStreamBatch: { batchId: 's:1-1' } });
  });

  it('refuses a file name with a directory part, without touching the disk', async () => {
    const outcome = await new FileSink(directory).send(
      stream('../escape.jsonl'),
      buildBatch('s', 'jsonl', [event('1')]),
    );
    expect(outcome.ok).toBe(false);
  });
});
