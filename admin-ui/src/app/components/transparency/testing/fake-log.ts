import { TestBed } from '@angular/core/testing';
import { createTaskTrackrClient, type Schema } from '@tasktrackr/sdk';
import { Api } from '../../../core/api/api';
import { canonicalEvent, chainHash } from '../canonical-event';
import { toBase64 } from '../merkle-proof';
import { TransparencyApi, type AuditCheckpoint } from '../transparency-api';
import { logKey, ORIGIN } from './log-key';
import { NaiveTree } from './naive-tree';

/** Test-only (excluded from the app build). */

type AuditEvent = Schema<'AuditEvent'>;

/** What a test may change in the fake log's answers (a lying or broken server). */
export interface Tampering {
  consistency?: (body: Schema<'AuditConsistencyProof'>) => Schema<'AuditConsistencyProof'>;
  inclusion?: (body: Schema<'AuditInclusionProof'>) => Schema<'AuditInclusionProof'>;
  status?: number;
}

/**
 * An audit log of `count` chained events with signed checkpoints at `sizes`, answering the
 * transparency routes like the API (proofs from the naive RFC 9162 tree).
 */
export async function fakeLog(count: number, sizes: number[]) {
  const events: AuditEvent[] = [];
  let prevHash = '0'.repeat(64);
  for (let i = 1; i <= count; i += 1) {
    const event: AuditEvent = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      seq: String(i),
      occurredAt: `2026-11-30T06:00:${String(i % 60).padStart(2, '0')}.123Z`,
      actor: { type: 'user', id: 'u1', display: 'Ada' },
      action: 'task.created',
      target: { type: 'task', id: `t${i}` },
      changes: { title: { after: `Task ${i}` } },
      outcome: 'success',
      ip: '127.0.0.1',
      userAgent: 'test',
      requestId: `r${i}`,
      traceId: i % 2 === 0 ? `${String(i).padStart(32, '0')}` : null,
      prevHash,
      hash: '',
    };
    event.hash = await chainHash(prevHash, canonicalEvent(event));
    prevHash = event.hash;
    events.push(event);
  }
  const encoder = new TextEncoder();
  const tree = new NaiveTree(events.map((event) => encoder.encode(canonicalEvent(event))));
  const key = await logKey();
  const checkpoints: AuditCheckpoint[] = [];
  for (const size of [...sizes].sort((a, b) => b - a)) {
    const rootHash = toBase64(await tree.mth(0, size));
    checkpoints.push({
      origin: ORIGIN,
      treeSize: size,
      rootHash,
      note: await key.sign(`${ORIGIN}\n${size}\n${rootHash}\n`),
      vkey: key.vkey,
      createdAt: '2026-11-30T06:01:00.000Z',
      cosignatures: [],
    });
  }
  const tampering: Tampering = {};

  const answer = async (url: URL): Promise<unknown> => {
    const query = url.searchParams;
    if (url.pathname === '/api/v1/audit/checkpoints/latest') return checkpoints[0];
    if (url.pathname === '/api/v1/audit/checkpoints')
      return { items: checkpoints, nextCursor: null };
    if (url.pathname === '/api/v1/audit/consistency') {
      const from = Number(query.get('from'));
      const to = Number(query.get('to'));
      const body = {
        from,
        to,
        fromRoot: toBase64(await tree.mth(0, from)),
        toRoot: toBase64(await tree.mth(0, to)),
        hashes: (from === to ? [] : await tree.proof(from, to)).map(toBase64),
      };
      return tampering.consistency ? tampering.consistency(body) : body;
    }
    const proof = /^\/api\/v1\/audit\/events\/([^/]+)\/proof$/.exec(url.pathname);
    if (proof) {
      const index = events.findIndex((event) => event.id === proof[1]);
      const size = Number(query.get('treeSize'));
      const body = {
        eventId: proof[1],
        leafIndex: index,
        treeSize: size,
        leafHash: toBase64(await tree.mth(index, index + 1)),
        rootHash: toBase64(await tree.mth(0, size)),
        hashes: (await tree.path(index, 0, size)).map(toBase64),
      };
      return tampering.inclusion ? tampering.inclusion(body) : body;
    }
    return undefined;
  };

  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const body = await answer(new URL((input as Request).url));
    const status = tampering.status ?? (body === undefined ? 404 : 200);
    return status === 200
      ? new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        })
      : new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'Failed',
            status,
            detail: 'Server says no',
          }),
          { status, headers: { 'Content-Type': 'application/problem+json' } },
        );
  };

  const client = createTaskTrackrClient({ baseUrl: 'http://app.test', fetch });
  TestBed.configureTestingModule({ providers: [{ provide: Api, useValue: { client } }] });
  return { events, checkpoints, tampering, api: TestBed.inject(TransparencyApi), fetch };
}
