import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEventInput } from '../../src/audit-log/audit-event.input';
import { waitFor } from './wait-for';

/** A unique action prefix per test, so tests sharing the run's database do not see each other. */
export function uniqueActionPrefix(name: string): string {
  return `test.${name}.${randomUUID().slice(0, 8)}`;
}

export function testEvent(
  action: string,
  overrides: Partial<AuditEventInput> = {},
): AuditEventInput {
  return {
    action,
    actor: { type: 'user', id: 'u-test', display: 'tester@example.com' },
    target: { type: 'task', id: randomUUID() },
    changes: { title: { before: 'old', after: 'new' } },
    outcome: 'success',
    context: { ip: '127.0.0.1', userAgent: 'audit-e2e', requestId: randomUUID() },
    ...overrides,
  };
}

export interface SealedRow {
  seq: string;
  action: string;
  requestId: string | null;
}

/** Sealed events whose action starts with `prefix`, in seq order. */
export async function sealedWithPrefix(
  dataSource: DataSource,
  prefix: string,
): Promise<SealedRow[]> {
  return dataSource.query(
    `SELECT seq, action, request_id AS "requestId" FROM audit_events
      WHERE action LIKE $1 ORDER BY seq`,
    [`${prefix}%`],
  );
}

export async function outboxCount(dataSource: DataSource, prefix: string): Promise<number> {
  const [row]: { count: string }[] = await dataSource.query(
    'SELECT count(*) AS count FROM audit_outbox WHERE action LIKE $1',
    [`${prefix}%`],
  );
  return Number(row.count);
}

/** Waits until `count` events with `prefix` are sealed and none is left in the outbox. */
export async function waitForSealed(
  dataSource: DataSource,
  prefix: string,
  count: number,
  timeoutMs = 20_000,
): Promise<SealedRow[]> {
  await waitFor(
    async () => {
      const [row]: { sealed: number; outbox: number }[] = await dataSource.query(
        `SELECT (SELECT count(*) FROM audit_events WHERE action LIKE $1)::int AS sealed,
                (SELECT count(*) FROM audit_outbox WHERE action LIKE $1)::int AS outbox`,
        [`${prefix}%`],
      );
      return row.outbox === 0 && row.sealed >= count ? true : undefined;
    },
    timeoutMs,
    `${count} sealed events with action ${prefix}*`,
  );
  const value = await sealedWithPrefix(dataSource, prefix);
  return value;
}

/** Runs `work` in a transaction and rolls it back on purpose. */
export async function inRolledBackTransaction(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<void>,
): Promise<void> {
  const rollback = new Error('rollback on purpose');
  await expectRejects(
    dataSource.transaction(async (manager) => {
      await work(manager);
      throw rollback;
    }),
    rollback,
  );
}

async function expectRejects(promise: Promise<unknown>, expected: Error): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (error === expected) return;
    throw error;
  }
  throw new Error('the transaction was expected to roll back');
}

/**
 * Bulk rows straight into the outbox (the sealer's input), for volume tests and benchmarks:
 * varied actors, targets, outcomes and changes, including characters CSV must quote.
 */
export async function seedOutbox(
  dataSource: DataSource,
  prefix: string,
  count: number,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type, target_id,
                               changes, outcome, ip, user_agent, request_id)
     SELECT $1 || CASE i % 3 WHEN 0 THEN '.task.updated' WHEN 1 THEN '.task.created'
                             ELSE '.auth.login' END,
            'user', 'user-' || (i % 97), 'user' || (i % 97) || '@example.com, Inc.',
            'task', 'task-' || i,
            jsonb_build_object('title', jsonb_build_object('before', 'Title "' || i || '"',
                                                           'after', 'Title ' || (i + 1))),
            CASE WHEN i % 10 = 0 THEN 'failure' ELSE 'success' END,
            '10.0.' || (i % 250) || '.' || (i % 200), 'Mozilla/5.0 (X11; Linux x86_64)',
            md5(i::text)
       FROM generate_series(1, $2::int) AS i`,
    [prefix, count],
  );
}
