import { TestBed } from '@angular/core/testing';
import { createTaskTrackrClient } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { ProblemError } from '../../core/errors/problem';
import { WebhooksApi } from './webhooks-api';

interface Seen {
  method: string;
  path: string;
  query: string;
  body: unknown;
}

/** The service over the real SDK client, with a fetch that records requests and answers `reply`. */
function setup(reply: (seen: Seen) => { status: number; body?: unknown }) {
  const seen: Seen[] = [];
  const fetchFn = async (input: Request): Promise<Response> => {
    const text = await input.text();
    const url = new URL(input.url);
    const request = {
      method: input.method,
      path: url.pathname,
      query: url.search,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    seen.push(request);
    const { status, body } = reply(request);
    if (status === 204) return new Response(null, { status });
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
  };
  TestBed.configureTestingModule({
    providers: [
      {
        provide: Api,
        useValue: {
          client: createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: fetchFn }),
        },
      },
    ],
  });
  return { api: TestBed.inject(WebhooksApi), seen };
}

const subscription = { id: 'w1', url: 'https://hooks.example.com/in', enabled: true };

describe('WebhooksApi', () => {
  it('lists subscriptions from one large page', async () => {
    const { api, seen } = setup(() => ({
      status: 200,
      body: { items: [subscription], nextCursor: null },
    }));
    expect(await api.list()).toEqual([subscription]);
    expect(seen).toEqual([
      { method: 'GET', path: '/api/v1/webhooks', query: '?limit=100', body: undefined },
    ]);
  });

  it('subscribes with the body as given and returns the secret once', async () => {
    const created = { ...subscription, secret: 'whsec_abc' };
    const { api, seen } = setup(() => ({ status: 201, body: created }));
    const body = { url: 'https://hooks.example.com/in', eventTypes: ['task.created' as const] };
    expect(await api.create(body)).toEqual(created);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/v1/webhooks', body });
  });

  it('enables, rotates, tests and deletes by id', async () => {
    const { api, seen } = setup((request) => {
      if (request.method === 'DELETE') return { status: 204 };
      if (request.path.endsWith('/rotate-secret')) {
        return { status: 200, body: { secret: 'whsec_new', previousSecretExpiresAt: 'x' } };
      }
      return { status: 200, body: subscription };
    });
    await api.update('w1', { enabled: false });
    expect((await api.rotateSecret('w1')).secret).toBe('whsec_new');
    await api.sendTest('w1');
    await api.remove('w1');
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'PATCH /api/v1/webhooks/w1',
      'POST /api/v1/webhooks/w1/rotate-secret',
      'POST /api/v1/webhooks/w1/test',
      'DELETE /api/v1/webhooks/w1',
    ]);
    expect(seen[0]?.body).toEqual({ enabled: false });
  });

  it('reads the delivery log and replays one delivery or everything since an instant', async () => {
    const { api, seen } = setup((request) => {
      if (request.path.endsWith('/deliveries')) {
        return { status: 200, body: { items: [{ id: 'd1' }], nextCursor: null } };
      }
      if (request.path.endsWith('/w1/replay')) return { status: 202, body: { queued: 7 } };
      return { status: 202, body: { id: 'd2', replayOf: 'd1' } };
    });
    expect(await api.deliveries('w1')).toEqual([{ id: 'd1' }]);
    await api.replayDelivery('w1', 'd1');
    expect(await api.replaySince('w1', '2030-01-01T00:00:00.000Z')).toBe(7);
    expect(seen.map((s) => `${s.method} ${s.path}${s.query}`)).toEqual([
      'GET /api/v1/webhooks/w1/deliveries?limit=50',
      'POST /api/v1/webhooks/w1/deliveries/d1/replay',
      'POST /api/v1/webhooks/w1/replay',
    ]);
    expect(seen[2]?.body).toEqual({ since: '2030-01-01T00:00:00.000Z' });
  });

  it('throws the problem the server answered', async () => {
    const problem = {
      type: 'https://tasktrackr.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No such webhook.',
    };
    const { api } = setup(() => ({ status: 404, body: problem }));
    await expect(api.get('nope')).rejects.toBeInstanceOf(ProblemError);
  });
});
