import type { AuditExport } from './audit-log-api';
import { delay, exportFileName, isFinal, pollExport } from './export-poller';

function state(status: AuditExport['status'], progress: number): AuditExport {
  return {
    id: '0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10',
    status,
    progress,
    format: 'csv',
    createdAt: '2026-11-23T18:00:00.000Z',
    completedAt: null,
    expiresAt: null,
    manifest: null,
    signature: null,
    error: null,
  };
}

describe('pollExport', () => {
  it('reports every state until a final one, waiting the interval between reads', async () => {
    const script = [
      state('queued', 0),
      state('running', 40),
      state('running', 90),
      state('done', 100),
    ];
    const seen: string[] = [];
    const waits: number[] = [];
    const final = await pollExport(
      async () => script.shift() ?? state('failed', 0),
      (job) => seen.push(`${job.status}:${job.progress}`),
      {
        intervalMs: 1000,
        signal: new AbortController().signal,
        wait: async (ms) => {
          waits.push(ms);
        },
      },
    );
    expect(seen).toEqual(['queued:0', 'running:40', 'running:90', 'done:100']);
    expect(waits).toEqual([1000, 1000, 1000]);
    expect(final.status).toBe('done');
  });

  it('stops at a failed export', async () => {
    const final = await pollExport(
      async () => state('failed', 30),
      () => undefined,
      {
        intervalMs: 1000,
        signal: new AbortController().signal,
        wait: async () => undefined,
      },
    );
    expect(final.status).toBe('failed');
  });

  it('stops polling when aborted (the page closed) and rejects a failed read', async () => {
    const controller = new AbortController();
    let reads = 0;
    const polling = pollExport(
      async () => {
        reads += 1;
        return state('running', 10);
      },
      () => undefined,
      { intervalMs: 60_000, signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort(new Error('closed'));
    await expect(polling).rejects.toThrow('closed');
    expect(reads).toBe(1);

    await expect(
      pollExport(
        async () => {
          throw new Error('offline');
        },
        () => undefined,
        { intervalMs: 1, signal: new AbortController().signal },
      ),
    ).rejects.toThrow('offline');
  });

  it('delay resolves after the time and rejects at once when already aborted', async () => {
    await expect(delay(1, new AbortController().signal)).resolves.toBeUndefined();
    const aborted = new AbortController();
    aborted.abort(new Error('gone'));
    await expect(delay(1000, aborted.signal)).rejects.toThrow('gone');
  });

  it('knows final statuses and names the file after the export', () => {
    expect(isFinal({ status: 'done' })).toBe(true);
    expect(isFinal({ status: 'expired' })).toBe(true);
    expect(isFinal({ status: 'running' })).toBe(false);
    expect(exportFileName({ id: 'abc', format: 'jsonl' })).toBe('audit-export-abc.jsonl');
  });
});
