import { createPublicKey } from 'node:crypto';
import { Agent } from 'node:http';
import { DataSource } from 'typeorm';
import { keyIdOf, verifyChain, type VerifyResult } from '../../api/src/audit-log';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { waitUntil } from '../dev-services/wait-until';
import { send } from './http/send';
import type { TaskEventSnapshot, TaskRowSnapshot } from './verdict/reconcile';

export interface Collected {
  outbox: { drained: boolean; left: number; waitedMs: number };
  rows: TaskRowSnapshot[];
  events: TaskEventSnapshot[];
  /** `verifyChain`, the walk behind `npm run audit:verify`, run here. */
  chain: VerifyResult;
}

/**
 * After the load: waits (up to `drainTimeoutMs`) for the worker to seal the whole outbox, then
 * reads back every task and every sealed task event, and verifies the chain with the signing
 * key's public half.
 */
export async function collect(
  databaseUrl: string,
  auditSigningKeyPem: string,
  drainTimeoutMs: number,
): Promise<Collected> {
  const dataSource = await new DataSource(
    typeormOptions({
      url: databaseUrl,
      poolSize: 2,
      connectTimeoutMs: 5000,
      applicationName: 'tasktrackr-drill',
    }),
  ).initialize();
  try {
    const outboxSize = async () => {
      const [row]: { n: number }[] = await dataSource.query(
        'SELECT count(*)::int AS n FROM audit_outbox',
      );
      return row?.n ?? 0;
    };
    const started = Date.now();
    const drained = await waitUntil(async () => (await outboxSize()) === 0, drainTimeoutMs, 500);
    const waitedMs = Date.now() - started;
    const left = drained ? 0 : await outboxSize();
    const rows: TaskRowSnapshot[] = await dataSource.query(
      'SELECT id, title, description, version FROM tasks',
    );
    const events: TaskEventSnapshot[] = await dataSource.query(
      `SELECT action, target_id AS "targetId", changes->'title'->>'after' AS title,
              changes->'description'->>'after' AS description
         FROM audit_events WHERE target_type = 'task'`,
    );
    const publicKey = createPublicKey(auditSigningKeyPem);
    const chain = await verifyChain(dataSource, { publicKey, keyId: keyIdOf(publicKey) });
    return { outbox: { drained, left, waitedMs }, rows, events, chain };
  } finally {
    await dataSource.destroy();
  }
}

/** `GET /api/v1/audit/verify` as the admin: the API's own walk of the same chain. */
export async function verifyThroughApi(baseUrl: string, bearer: string): Promise<string> {
  const agent = new Agent();
  try {
    const outcome = await send({
      method: 'GET',
      url: `${baseUrl}/api/v1/audit/verify`,
      headers: { authorization: `Bearer ${bearer}` },
      timeoutMs: 60_000,
      agent,
    });
    if (outcome.kind !== 'answer') return `no answer (${outcome.kind})`;
    return `${outcome.answer.status} ${JSON.stringify(outcome.answer.body)}`;
  } finally {
    agent.destroy();
  }
}
