import { get } from 'node:http';
import { AuditSealerService } from '../src/audit-log/audit-sealer.service';
import { createUser, TestUser } from './support/auth-helpers';
import { seedOutbox, uniqueActionPrefix } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An export read slowly by its client lasts longer than the pool's per-query timeout, and must
 * still arrive whole: node-pg once applied `DATABASE_QUERY_TIMEOUT_MS` to the stream's whole
 * life, which cut large exports off at 30 s. Here the timeout is 1 s and the reader takes
 * several seconds.
 */
describe('audit export to a slow reader (e2e)', () => {
  const total = 20_000;
  const prefix = uniqueActionPrefix('slow');
  let app: TestApp;
  let auditor: TestUser;

  beforeAll(async () => {
    // Seed and seal under the default timeout (a loaded machine may take more than 1 s),
    // then serve the export from an app whose query timeout is short.
    const seeding = await startTestApp({ role: 'api' });
    try {
      await seedOutbox(seeding.dataSource, prefix, total);
      await seeding.app.get(AuditSealerService).drain();
    } finally {
      await seeding.close();
    }
    app = await startTestApp({
      role: 'api',
      configOverrides: { DATABASE_QUERY_TIMEOUT_MS: '1000' },
    });
    auditor = await createUser(app, { roles: ['auditor'] });
  }, 180_000);
  afterAll(() => app.close());

  it('streams every event although reading takes far longer than the query timeout', async () => {
    const url = `${app.baseUrl}/api/v1/audit/events/export?format=csv&action=${encodeURIComponent(prefix)}`;
    const started = Date.now();
    let lines = 0;
    await new Promise<void>((resolve, reject) => {
      // A pause per chunk keeps the server waiting on us (backpressure).
      const request = get(url, { headers: { Authorization: `Bearer ${auditor.accessToken}` } });
      request.on('error', reject);
      request.on('response', (response) => {
        expect(response.statusCode).toBe(200);
        response.on('data', (chunk: Buffer) => {
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
          response.pause();
          setTimeout(() => response.resume(), 25);
        });
        response.on('end', resolve);
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('the server cut the export off')));
      });
    });
    expect(Date.now() - started).toBeGreaterThan(1_000);
    expect(lines).toBe(total + 1); // the header line, then one line per event
  }, 120_000);
});
