import { get } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AuditSealerService } from '../src/audit-log/audit-sealer.service';
import { createUser, TestUser } from './support/auth-helpers';
import { seedOutbox, uniqueActionPrefix } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

/** A real `gc()`, so heap samples show what is retained rather than garbage not yet collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Live heap after a full collection. */
function retainedHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('audit export streaming (e2e)', () => {
  const total = 200_000;
  const prefix = uniqueActionPrefix('bulk');
  let app: TestApp;
  let auditor: TestUser;

  beforeAll(async () => {
    // role 'api': no worker in this process; the test seals the seeded outbox itself.
    app = await startTestApp({ role: 'api', configOverrides: { AUDIT_SEAL_BATCH_SIZE: '2000' } });
    auditor = await createUser(app, { roles: ['auditor'] });
    await seedOutbox(app.dataSource, prefix, total);
    await app.app.get(AuditSealerService).drain();
  }, 300_000);
  afterAll(() => app.close());

  it(`streams ${total.toLocaleString('en')} events as JSON Lines with flat memory`, async () => {
    const url = `${app.baseUrl}/api/v1/audit/events/export?format=jsonl&action=${encodeURIComponent(prefix)}`;
    const baseline = retainedHeap();
    let peak = baseline;
    let chunks = 0;
    let samples = 0;
    let bytes = 0;
    let lines = 0;
    let first = '';
    let last = Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      const request = get(url, { headers: { Authorization: `Bearer ${auditor.accessToken}` } });
      request.on('error', reject);
      request.on('response', (response) => {
        expect(response.statusCode).toBe(200);
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (first === '') first = chunk.toString('utf8', 0, chunk.indexOf(10));
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
          last = Buffer.concat([last, chunk]).subarray(-4096);
          chunks += 1;
          if (chunks % 200 === 0) {
            peak = Math.max(peak, retainedHeap());
            samples += 1;
          }
          // A slow reader now and then: the server must wait (backpressure), not buffer.
          if (chunks % 20 === 0) {
            response.pause();
            setTimeout(() => response.resume(), 5);
          }
        });
        response.on('end', resolve);
        response.on('error', reject);
      });
    });
    expect(lines).toBe(total);
    const lastLine = last.toString('utf8').trimEnd().split('\n').pop() ?? '';
    const [firstEvent, lastEvent] = [first, lastLine].map(
      (line) => JSON.parse(line) as { seq: string; action: string },
    );
    expect(firstEvent.action.startsWith(prefix)).toBe(true);
    expect(BigInt(lastEvent.seq) - BigInt(firstEvent.seq)).toBe(BigInt(total - 1));
    // The body is far larger than anything the export keeps alive while it streams.
    expect(bytes).toBeGreaterThan(80 * 1024 * 1024);
    expect(samples).toBeGreaterThan(5);
    expect(peak - baseline).toBeLessThan(32 * 1024 * 1024);
  }, 300_000);
});
