import { createUser, type TestUser } from './support/auth-helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

const TASKS = Number(process.env.WEBHOOK_VOLUME_TASKS ?? 10_000);

/**
 * Volume: 10,000 task writes (straight into the tasks table and the audit outbox, as the API
 * writes them, so the spec stays within minutes) become 10,000 deliveries, each exactly once
 * at its first successful attempt, in audit sequence order.
 */
describe('webhooks: 10,000 task writes (e2e)', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  let admin: TestUser;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    app = await startTestApp({
      configOverrides: {
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
        OUTBOUND_ALLOW_HTTP: 'true',
        WEBHOOK_POLL_INTERVAL_MS: '100',
        AUDIT_SWEEP_INTERVAL_MS: '300',
        LOG_LEVEL: 'warn',
      },
    });
    admin = await createUser(app, { roles: ['admin'] });
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('delivers every one, none lost, none twice, in order', async () => {
    const { data: subscription } = await admin.client.POST('/api/v1/webhooks', {
      body: { url: `${receiver.baseUrl}/volume`, eventTypes: ['task.created'] },
    });
    expect(subscription).toBeDefined();
    await app.dataSource.query(
      `WITH created AS (
         INSERT INTO tasks (title, owner_id)
         SELECT 'volume ' || i, $1 FROM generate_series(1, $2::int) AS i RETURNING id)
       INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type, target_id, outcome)
       SELECT 'task.created', 'user', $1, 'volume e2e', 'task', id::text, 'success' FROM created`,
      [admin.userId, TASKS],
    );
    const progress = async () => {
      const [row] = await app.dataSource.query<Array<Record<string, number>>>(
        `SELECT (SELECT count(*)::int FROM audit_outbox) AS outbox,
                (SELECT count(*)::int FROM webhook_deliveries WHERE subscription_id = $1) AS queued,
                (SELECT count(*)::int FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'succeeded') AS sent`,
        [subscription?.id],
      );
      return `${JSON.stringify(row)}, received ${receiver.at('/volume').length}`;
    };
    const ticker = process.env.WEBHOOK_VOLUME_TRACE
      ? setInterval(
          () => void progress().then((line) => console.log(new Date().toISOString(), line)),
          5000,
        )
      : undefined;
    await waitFor(
      async () => (receiver.at('/volume').length >= TASKS ? true : undefined),
      170_000,
      `${TASKS} deliveries`,
    )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}: ${await progress()}`);
      })
      .finally(() => clearInterval(ticker));
    const received = receiver.at('/volume');
    const seqs = received.map((request) => BigInt(request.json.data.seq as string));
    expect(received).toHaveLength(TASKS);
    expect(new Set(received.map((request) => request.headers['webhook-id'])).size).toBe(TASKS);
    const outOfOrder = seqs.filter((seq, i) => i > 0 && seq <= seqs[i - 1]);
    expect(outOfOrder).toEqual([]);
    const [sealed] = await app.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'task.created' AND seq >= $1`,
      [String(seqs[0])],
    );
    expect(sealed?.n).toBe(TASKS);
  }, 240_000);
});
