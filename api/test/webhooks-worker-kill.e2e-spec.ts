import { uniqueName } from '../../ops/db/test-database';
import { AuditWorkerProcess } from './support/audit-worker-process';
import { createUser, type TestUser } from './support/auth-helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * At-least-once across a crash: the API in this process, the dispatcher in a real worker
 * process that is SIGKILLed while its request is at the receiver. A new worker sends that
 * delivery again (same webhook-id), then the rest, in order; nothing is lost.
 */
describe('webhooks: a worker killed mid-delivery (e2e)', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  let admin: TestUser;
  let env: Record<string, string>;
  const workers: AuditWorkerProcess[] = [];

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    const outbound = { OUTBOUND_ALLOW_HOSTS: '127.0.0.1', OUTBOUND_ALLOW_HTTP: 'true' };
    const queuePrefix = uniqueName('tt_webhook_kill');
    app = await startTestApp({
      role: 'api',
      configOverrides: { ...outbound, QUEUE_PREFIX: queuePrefix },
    });
    env = {
      ...outbound,
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: queuePrefix,
      AUDIT_SWEEP_INTERVAL_MS: '300',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '100',
    };
    admin = await createUser(app, { roles: ['admin'] });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await app.close();
    await receiver.stop();
  });

  const startWorker = () => {
    const worker = new AuditWorkerProcess(env);
    workers.push(worker);
    worker.start();
    return worker;
  };
  const deliveryRows = () =>
    app.dataSource.query<Array<{ id: string; status: string; attempt_count: number }>>(
      `SELECT d.id, d.status, d.attempt_count FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE s.url LIKE '%/crash' ORDER BY d.position`,
    );

  it('re-sends the delivery that was in flight, then the rest in order', async () => {
    receiver.reply = (path, count) => (path === '/crash' && count === 1 ? 'hold' : 200);
    const { data: subscription } = await admin.client.POST('/api/v1/webhooks', {
      body: { url: `${receiver.baseUrl}/crash`, eventTypes: ['task.created'] },
    });
    expect(subscription).toBeDefined();
    const tasks: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { data } = await admin.client.POST('/api/v1/tasks', { body: { title: `crash ${i}` } });
      tasks.push(data?.id ?? '');
    }

    const first = startWorker();
    await waitFor(
      async () => (receiver.at('/crash').length === 1 ? true : undefined),
      60_000,
      'the first send',
    );
    await first.kill();
    const inFlight = receiver.at('/crash')[0].headers['webhook-id'];
    // Nothing was recorded for the killed attempt: it is still the pending head of the queue.
    const afterKill = await deliveryRows();
    expect(afterKill).toHaveLength(5);
    expect(afterKill[0]).toMatchObject({ id: inFlight, status: 'pending', attempt_count: 0 });

    startWorker();
    await waitFor(
      async () =>
        (await deliveryRows()).every((row) => row.status === 'succeeded') ? true : undefined,
      60_000,
      'every delivery to succeed after the restart',
    );
    const received = receiver.at('/crash');
    expect(received[1].headers['webhook-id']).toBe(inFlight);
    const delivered = received
      .slice(1)
      .map((request) => (request.json.data.target as { id: string }).id);
    expect(delivered).toEqual(tasks);
  });
});
