import type { Job } from 'bull';
import type { FailedJobDto } from './dto/system-status.dto';
import {
  failedJobOf,
  newestFailedJobs,
  RECENT_FAILED_JOBS,
  unavailableQueue,
} from './queue-inspector.service';

function failed(queue: string, id: number, failedAt: string | null): FailedJobDto {
  return { queue, id: String(id), name: 'seal', failedReason: 'x', attemptsMade: 1, failedAt };
}

describe('failedJobOf', () => {
  const job = {
    id: 42,
    name: 'export',
    data: { exportId: 'e-1', apiKey: 'top-secret' },
    opts: { attempts: 5 },
    failedReason: 'boom',
    stacktrace: ['Error: boom\n    at secret-path.ts:1'],
    attemptsMade: 5,
    finishedOn: Date.UTC(2026, 0, 2, 3, 4, 5),
  } as unknown as Job;

  it('keeps the public facts and never the data or the stack', () => {
    const summary = failedJobOf('audit', job);
    expect(summary).toEqual({
      queue: 'audit',
      id: '42',
      name: 'export',
      failedReason: 'boom',
      attemptsMade: 5,
      failedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(JSON.stringify(summary)).not.toMatch(/top-secret|secret-path/);
  });

  it('bounds the reason and copes with a missing reason or time', () => {
    const long = failedJobOf('audit', { ...job, failedReason: 'y'.repeat(5000) } as Job);
    expect(long.failedReason).toHaveLength(1000);
    const bare = failedJobOf('audit', {
      ...job,
      failedReason: undefined,
      finishedOn: undefined,
    } as Job);
    expect(bare).toMatchObject({ failedReason: null, failedAt: null });
  });
});

describe('newestFailedJobs', () => {
  it('merges queues newest first, unknown times last, at most the limit', () => {
    const a = [failed('a', 1, '2026-01-01T00:00:03.000Z'), failed('a', 2, null)];
    const b = [failed('b', 3, '2026-01-01T00:00:05.000Z'), failed('b', 4, '2026-01-01T00:00:01Z')];
    expect(newestFailedJobs([a, b]).map((job) => job.id)).toEqual(['3', '1', '4', '2']);

    const many = Array.from({ length: 30 }, (_, i) =>
      failed('c', i, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()),
    );
    const newest = newestFailedJobs([many]);
    expect(newest).toHaveLength(RECENT_FAILED_JOBS);
    expect(newest[0].id).toBe('29');
    expect(newest.at(-1)?.id).toBe(String(30 - RECENT_FAILED_JOBS));
  });
});

describe('unavailableQueue', () => {
  it('reports no counts rather than zeros', () => {
    expect(unavailableQueue('audit', 'Redis is not connected')).toEqual({
      name: 'audit',
      available: false,
      waiting: null,
      active: null,
      delayed: null,
      failed: null,
      completed: null,
      paused: null,
      message: 'Redis is not connected',
    });
  });
});
