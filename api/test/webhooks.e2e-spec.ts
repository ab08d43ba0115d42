import { createUser, type TestUser } from './support/auth-helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { matchingSignatures, WebhookReceiver } from './support/webhook-receiver';

/** Webhooks end to end: the real app (API + worker in one process) and a loopback receiver. */
describe('webhooks (e2e)', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    app = await startTestApp({
      configOverrides: {
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
        OUTBOUND_ALLOW_HTTP: 'true',
        WEBHOOK_POLL_INTERVAL_MS: '100',
        WEBHOOK_RETRY_BASE_MS: '100',
      },
    });
    [admin, alice, bob] = await Promise.all([
      createUser(app, { roles: ['admin'] }),
      createUser(app),
      createUser(app),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  const subscribe = async (
    user: TestUser,
    path: string,
    eventTypes: string[] = ['task.created'],
  ) => {
    const { data, error } = await user.client.POST('/api/v1/webhooks', {
      body: { url: `${receiver.baseUrl}${path}`, eventTypes: eventTypes as ['task.created'] },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const createTask = async (user: TestUser, title: string) => {
    const { data } = await user.client.POST('/api/v1/tasks', { body: { title } });
    if (!data) throw new Error('task not created');
    return data;
  };
  const receivedFor = (path: string, taskId: string) =>
    waitFor(
      async () =>
        receiver
          .at(path)
          .find((request) => (request.json.data.target as { id: string }).id === taskId),
      30_000,
      `a delivery of ${taskId} at ${path}`,
    );

  it('delivers a signed task.created that verifies with a plain HMAC', async () => {
    const subscription = await subscribe(alice, '/signed');
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const task = await createTask(alice, 'Signed delivery');
    const { value: request } = await receivedFor('/signed', task.id);
    expect(request.json.type).toBe('task.created');
    expect(request.headers['content-type']).toBe('application/json');
    expect(matchingSignatures(request, subscription.secret)).toEqual([true]);
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(
      300,
    );
    // The secret is never shown again.
    const { data } = await alice.client.GET('/api/v1/webhooks/{id}', {
      params: { path: { id: subscription.id } },
    });
    expect(data).not.toHaveProperty('secret');
  });

  it('retries while the receiver answers 500, then succeeds with the same webhook-id', async () => {
    receiver.reply = (path, count) => (path === '/flaky' && count <= 3 ? 500 : 200);
    const subscription = await subscribe(alice, '/flaky');
    const task = await createTask(alice, 'Flaky receiver');
    await waitFor(
      async () => (receiver.at('/flaky').length >= 4 ? true : undefined),
      30_000,
      '4 attempts',
    );
    const ids = new Set(receiver.at('/flaky').map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const { value: page } = await waitFor(
      async () => {
        const { data } = await alice.client.GET('/api/v1/webhooks/{id}/deliveries', {
          params: { path: { id: subscription.id } },
        });
        return data?.items[0]?.status === 'succeeded' ? data : undefined;
      },
      10_000,
      'the delivery to be recorded as succeeded',
    );
    const [delivery] = page.items;
    expect((receiver.at('/flaky')[0].json.data.target as { id: string }).id).toBe(task.id);
    expect(delivery.attempts.map((attempt) => [attempt.outcome, attempt.statusCode])).toEqual([
      ['http-error', 500],
      ['http-error', 500],
      ['http-error', 500],
      ['success', 200],
    ]);
    expect(delivery.attempts[0].responseBody).toBe('answer 500');
  });

  it('signs with both secrets for 24 hours after a rotation', async () => {
    const subscription = await subscribe(alice, '/rotated');
    const { data: rotated } = await alice.client.POST('/api/v1/webhooks/{id}/rotate-secret', {
      params: { path: { id: subscription.id } },
    });
    expect(rotated?.secret).toMatch(/^whsec_/);
    expect(rotated?.secret).not.toBe(subscription.secret);
    const task = await createTask(alice, 'After rotation');
    const { value: request } = await receivedFor('/rotated', task.id);
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(matchingSignatures(request, rotated?.secret ?? '')).toEqual([true, false]);
    expect(matchingSignatures(request, subscription.secret)).toEqual([false, true]);
  });

  it("never delivers another employee's task to an employee's subscription", async () => {
    await subscribe(alice, '/private', ['task.created', 'task.updated']);
    const bobs = await createTask(bob, "Bob's private task");
    const alices = await createTask(alice, "Alice's task");
    // Deliveries are in order: once Alice's later task arrived, Bob's would have come first.
    await receivedFor('/private', alices.id);
    const delivered = receiver
      .at('/private')
      .map((request) => (request.json.data.target as { id: string }).id);
    expect(delivered).not.toContain(bobs.id);
    // An admin's subscription sees both.
    await subscribe(admin, '/admin', ['task.created']);
    const another = await createTask(bob, 'Seen by the admin');
    await receivedFor('/admin', another.id);
  });

  it('keeps subscriptions private and user.* for admins', async () => {
    const subscription = await subscribe(alice, '/mine');
    const { response } = await bob.client.GET('/api/v1/webhooks/{id}', {
      params: { path: { id: subscription.id } },
    });
    expect(response.status).toBe(404);
    const { data: bobsList } = await bob.client.GET('/api/v1/webhooks');
    expect(bobsList?.items.map((item) => item.id)).not.toContain(subscription.id);
    const { data: adminView } = await admin.client.GET('/api/v1/webhooks/{id}', {
      params: { path: { id: subscription.id } },
    });
    expect(adminView?.id).toBe(subscription.id);
    const { response: forbidden, error } = await alice.client.POST('/api/v1/webhooks', {
      body: { url: `${receiver.baseUrl}/users`, eventTypes: ['user.*'] },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(error)).toContain('eventTypes');
  });

  it('replays one delivery and everything since an instant', async () => {
    const subscription = await subscribe(alice, '/replay');
    const since = new Date().toISOString();
    const task = await createTask(alice, 'To replay');
    await receivedFor('/replay', task.id);
    const { data: page } = await alice.client.GET('/api/v1/webhooks/{id}/deliveries', {
      params: { path: { id: subscription.id } },
    });
    const original = page?.items[0];
    const { data: replay, response } = await alice.client.POST(
      '/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay',
      {
        params: { path: { id: subscription.id, deliveryId: original?.id ?? '' } },
      },
    );
    expect(response.status).toBe(202);
    const deliveryLog = `/api/v1/webhooks/${subscription.id}/deliveries`;
    expect(response.headers.get('location')).toBe(deliveryLog);
    expect(replay?.replayOf).toBe(original?.id);
    const { data: queued, response: since202 } = await alice.client.POST(
      '/api/v1/webhooks/{id}/replay',
      { params: { path: { id: subscription.id } }, body: { since } },
    );
    expect(since202.headers.get('location')).toBe(deliveryLog);
    expect(queued?.queued).toBe(1);
    await waitFor(
      async () => (receiver.at('/replay').length === 3 ? true : undefined),
      30_000,
      'two replays',
    );
    const ids = receiver.at('/replay').map((request) => request.headers['webhook-id']);
    expect(new Set(ids).size).toBe(3);
    expect(new Set(receiver.at('/replay').map((request) => request.body)).size).toBe(1);
  });

  it('sends a test message on demand and records it', async () => {
    const subscription = await subscribe(alice, '/test-send');
    const { data } = await alice.client.POST('/api/v1/webhooks/{id}/test', {
      params: { path: { id: subscription.id } },
    });
    expect(data).toMatchObject({ eventType: 'webhook.test', status: 'succeeded' });
    expect(data?.attempts).toHaveLength(1);
    const [request] = receiver.at('/test-send');
    expect(request.headers['webhook-id']).toBe(data?.id);
    expect(matchingSignatures(request, subscription.secret)).toEqual([true]);
  });

  it('answers problem+json naming the field for bad input', async () => {
    const bad = [
      { url: 'not a url', eventTypes: ['task.created'] },
      { url: 'ftp://example.com/', eventTypes: ['task.created'] },
      { url: `${receiver.baseUrl}/x`, eventTypes: [] },
      { url: `${receiver.baseUrl}/x`, eventTypes: ['task.exploded'] },
    ];
    for (const body of bad) {
      const { response, error } = await alice.client.POST('/api/v1/webhooks', {
        body: body as never,
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(error)).toMatch(/"path":"(url|eventTypes[^"]*)"/);
    }
  });
});

/** SSRF rules with nothing allow-listed (the defaults): refused at subscribe time, by field. */
describe('webhook URL rules without an allow-list (e2e)', () => {
  let app: TestApp;
  let alice: TestUser;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api', configOverrides: { OUTBOUND_ALLOW_HTTP: 'true' } });
    alice = await createUser(app);
  });
  afterAll(() => app.close());

  it.each([
    'http://127.0.0.1:9/in',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/in',
    'http://[::ffff:127.0.0.1]/in',
  ])('refuses %s', async (url) => {
    const { response, error } = await alice.client.POST('/api/v1/webhooks', {
      body: { url, eventTypes: ['task.created'] },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ errors: [{ path: 'url' }] });
    expect(JSON.stringify(error)).toMatch(/only public addresses may be called/);
  });
});

/** A receiver failing for the whole retry window (shortened here) disables the subscription. */
describe('webhooks: giving up after the retry window (e2e)', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  let alice: TestUser;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    app = await startTestApp({
      configOverrides: {
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
        OUTBOUND_ALLOW_HTTP: 'true',
        WEBHOOK_POLL_INTERVAL_MS: '100',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_MAX_AGE_MS: '1500',
      },
    });
    alice = await createUser(app);
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('disables the subscription with a visible reason and an audit event; re-enabling resumes in order', async () => {
    let down = true;
    receiver.reply = () => (down ? 503 : 200);
    const { data: subscription } = await alice.client.POST('/api/v1/webhooks', {
      body: { url: `${receiver.baseUrl}/down`, eventTypes: ['task.created'] },
    });
    const id = subscription?.id ?? '';
    const first = await alice.client.POST('/api/v1/tasks', { body: { title: 'While down' } });
    const { value: disabled } = await waitFor(
      async () => {
        const { data } = await alice.client.GET('/api/v1/webhooks/{id}', {
          params: { path: { id } },
        });
        return data?.enabled === false ? data : undefined;
      },
      30_000,
      'the subscription to be disabled',
    );
    expect(disabled.disabledReason).toMatch(/failed for .* \(last: HTTP 503\)/);
    const attempts = receiver.at('/down').length;
    expect(attempts).toBeGreaterThan(1);
    const { value: audited } = await waitFor(
      async () => {
        const rows = await app.dataSource.query<Array<{ actor_type: string }>>(
          `SELECT actor_type FROM audit_events WHERE action = 'webhook.disabled' AND target_id = $1`,
          [id],
        );
        return rows[0];
      },
      30_000,
      'the webhook.disabled audit event',
    );
    expect(audited.actor_type).toBe('system');
    const { data: log } = await alice.client.GET('/api/v1/webhooks/{id}/deliveries', {
      params: { path: { id } },
    });
    expect(log?.items[0]).toMatchObject({ status: 'failed', attemptCount: attempts });

    // Events after the give-up wait, queued, until the subscription is re-enabled.
    const second = await alice.client.POST('/api/v1/tasks', { body: { title: 'After the fix' } });
    down = false;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.at('/down')).toHaveLength(attempts);
    await alice.client.PATCH('/api/v1/webhooks/{id}', {
      params: { path: { id } },
      body: { enabled: true },
    });
    const { value: resumed } = await waitFor(
      async () =>
        receiver
          .at('/down')
          .find((request) => (request.json.data.target as { id: string }).id === second.data?.id),
      30_000,
      'the queued delivery after re-enabling',
    );
    expect(resumed.json.type).toBe('task.created');
    const delivered = receiver
      .at('/down')
      .map((request) => (request.json.data.target as { id: string }).id);
    expect(delivered.filter((taskId) => taskId === first.data?.id)).toHaveLength(attempts);
  });
});
