import { randomUUID } from 'node:crypto';
import { deleteRedisKeys } from '../../ops/dev-services/redis-keys';
import { ApiProcess } from './support/api-process';

// Two API processes start under ts-node on two shared cores.
jest.setTimeout(300_000);

const LIMIT = 100;
const LEASE_MAX = 10;

/**
 * The general limit holds across replicas: two real API processes on the same database and
 * Redis prefix, one user's requests sent to both at once. Hits are leased from Redis (no round
 * trip per request), yet together they admit at most THROTTLE_LIMIT in the window (no slack
 * above), and at least THROTTLE_LIMIT less what each could hold leased and unused
 * (< 1.5 × THROTTLE_LEASE_MAX per process; see docs/auth.md "Rate limits").
 */
describe('general rate limit across two API processes (e2e)', () => {
  const prefix = `tt_thr_rep_${randomUUID().slice(0, 8)}`;
  const processes = [0, 1].map(
    () =>
      new ApiProcess({
        QUEUE_PREFIX: prefix,
        THROTTLE_LIMIT: String(LIMIT),
        THROTTLE_LEASE_MAX: String(LEASE_MAX),
      }),
  );

  beforeAll(async () => {
    // One after the other: two boots at once on two cores only make both slow.
    for (const api of processes) await api.start();
  });

  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop()));
    for (const pattern of [`${prefix}:*`, `{${prefix}:*`]) {
      await deleteRedisKeys(process.env.REDIS_URL ?? '', pattern);
    }
  });

  it('admits at most the limit in total, and close to it, under concurrent load on both', async () => {
    const [a, b] = processes;
    const registered = await fetch(`${a.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `replicas-${randomUUID()}@example.com`,
        password: `pw-${randomUUID()}`,
        displayName: 'Replicas',
      }),
    });
    expect(registered.status).toBe(201);
    const { accessToken } = (await registered.json()) as { accessToken: string };

    const statuses = new Map<ApiProcess, number[]>([
      [a, []],
      [b, []],
    ]);
    // Eight clients per process, 40 requests each: 640 requests for a budget of 100.
    const client = async (api: ApiProcess) => {
      for (let i = 0; i < 40; i += 1) {
        const response = await fetch(`${api.baseUrl}/api/v1/users/me`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        await response.arrayBuffer();
        statuses.get(api)?.push(response.status);
      }
    };
    await Promise.all([a, b].flatMap((api) => Array.from({ length: 8 }, () => client(api))));

    const all = [...statuses.values()].flat();
    expect(all.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    const admittedBy = [a, b].map((api) => statuses.get(api)?.filter((s) => s === 200).length);
    const admitted = (admittedBy[0] ?? 0) + (admittedBy[1] ?? 0);
    expect(admitted).toBeLessThanOrEqual(LIMIT);
    expect(admitted).toBeGreaterThanOrEqual(LIMIT - 2 * 1.5 * LEASE_MAX);
    // Both served a share: the budget was one, shared, not one per process.
    expect(admittedBy[0]).toBeGreaterThan(0);
    expect(admittedBy[1]).toBeGreaterThan(0);
  });
});
