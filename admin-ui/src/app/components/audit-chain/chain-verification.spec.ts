import { TestBed } from '@angular/core/testing';
import { createTaskTrackrClient } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { ChainVerification } from './chain-verification';

/** A tiny server for the two audit routes the verification reads, counting verify calls. */
function fakeServer(verify: () => { status: number; body: unknown }) {
  const calls = { verify: 0 };
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const path = new URL((input as Request).url).pathname;
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
      });
    if (path === '/api/v1/audit/verify') {
      calls.verify += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answer = verify();
      return json(answer.status, answer.body);
    }
    if (path === '/api/v1/audit/stats') {
      return json(200, {
        eventsPerDay: [],
        headSeq: '42',
        lastCheckpoint: null,
        pendingOutbox: 0,
        totalEvents: 42,
      });
    }
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404 });
  };
  return { fetch, calls };
}

function setUp(server: ReturnType<typeof fakeServer>): ChainVerification {
  const client = createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: server.fetch });
  TestBed.configureTestingModule({ providers: [{ provide: Api, useValue: { client } }] });
  return TestBed.inject(ChainVerification);
}

describe('ChainVerification', () => {
  it('records the result with the chain head and when it was checked', async () => {
    const server = fakeServer(() => ({ status: 200, body: { ok: true, checked: 42 } }));
    const verification = setUp(server);
    const before = Date.now();
    await verification.verify();
    const outcome = verification.outcome();
    expect(outcome?.result).toEqual({ ok: true, checked: 42 });
    expect(outcome?.headSeq).toBe('42');
    expect(outcome?.checkedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(verification.running()).toBe(false);
  });

  it('joins a walk already under way, and reuses a fresh result', async () => {
    const server = fakeServer(() => ({ status: 200, body: { ok: true, checked: 1 } }));
    const verification = setUp(server);
    await Promise.all([verification.verify(), verification.verify(), verification.ensureFresh()]);
    expect(server.calls.verify).toBe(1);
    await verification.ensureFresh(60_000);
    expect(server.calls.verify).toBe(1);
    await verification.ensureFresh(0);
    expect(server.calls.verify).toBe(2);
  });

  it('keeps a broken chain as a result, and a refused walk as a problem', async () => {
    let answer = {
      status: 200,
      body: { ok: false, checked: 16, firstBadSeq: '17', reason: 'hash mismatch' } as unknown,
    };
    const verification = setUp(fakeServer(() => answer));
    await verification.verify();
    expect(verification.outcome()?.result.firstBadSeq).toBe('17');
    expect(verification.problem()).toBeNull();

    answer = {
      status: 403,
      body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Auditors only' },
    };
    await verification.verify();
    expect(verification.problem()?.detail).toBe('Auditors only');
  });
});
