import { Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { linkActiveSpanTo } from '../common/telemetry/job-trace';
import { Env } from '../config/env.schema';
import { MetricsRegistry } from '../metrics/metrics.registry';
import type { AuditChanges } from './audit-event.input';
import { CheckpointSigner } from './chain/checkpoint-signer';
import { canonicalEvent, GENESIS_HASH } from './chain/event-hash';
import { SealedHashes } from './chain/sealed-hashes';
import { appendLeaves, Frontier, frontierCoords, TreeNode } from './merkle';
import { hashedFieldsOfColumns, readEventLeaves } from './tree/event-leaves';
import {
  merkleStore,
  nodeHashSql,
  Queryable,
  segmentRowsParams,
  segmentRowsSql,
  TREE_SIZE_SQL,
} from './tree/merkle-store';
import { AUDIT_SEAL_LOCK } from './tree/seal-lock';
import { TreeCheckpointer } from './tree/tree-checkpointer.service';

export { AUDIT_SEAL_LOCK };

/** Leaves a batch reads back from audit_events when the tree lags the chain (backfill). */
const TREE_CATCH_UP_CHUNK = 10_000;

interface OutboxRow {
  id: string;
  event_id: string;
  occurred_at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_display: string;
  target_type: string;
  target_id: string | null;
  changes: AuditChanges | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  trace_id: string | null;
  traceparent: string | null;
}

/**
 * audit_events' columns in the order the sealer passes their values, each with the Postgres
 * type of its array in writeBatch's unnest.
 */
const EVENT_COLUMN_TYPES = {
  seq: 'bigint',
  id: 'uuid',
  occurred_at: 'timestamptz',
  action: 'text',
  actor_type: 'text',
  actor_id: 'text',
  actor_display: 'text',
  target_type: 'text',
  target_id: 'text',
  changes: 'jsonb',
  outcome: 'text',
  ip: 'text',
  user_agent: 'text',
  request_id: 'text',
  trace_id: 'text',
  prev_hash: 'text',
  hash: 'text',
} as const;
const EVENT_COLUMNS = Object.keys(EVENT_COLUMN_TYPES) as (keyof typeof EVENT_COLUMN_TYPES)[];

/**
 * Moves committed outbox rows into the hash chain and the Merkle tree. One transaction per
 * batch, holding a transaction-scoped advisory lock: it reads the chain head, takes the oldest
 * outbox rows (by outbox id), inserts them with the next seqs and their hashes, appends their
 * leaves to the tree (reading its right edge once, inserting the new nodes in one statement),
 * deletes them from the outbox and writes any chain checkpoint that falls due. A crash rolls
 * the whole batch back, so seqs have no gap and no event is sealed twice; a second worker
 * waits for the lock. After a drain, the tree checkpointer signs a checkpoint when one is due.
 *
 * The tree catches up by itself when it lags the chain (a database from before the tree, see
 * `npm run audit:tree-backfill` for the fast way): each batch then appends up to
 * TREE_CATCH_UP_CHUNK leaves read back from audit_events instead of the batch's own.
 */
@Injectable()
export class AuditSealerService {
  private readonly batchSize: number;
  private readonly checkpointEvery: bigint;
  private readonly checkpointIntervalMs: number;
  private readonly sealedCounter: Counter | undefined;
  private readonly logger = new Logger(AuditSealerService.name);
  /**
   * Where this process's last committed batch left the tree: only a guess of which frontier
   * nodes to read with the chain head, so a batch needs no statement of its own for them.
   */
  private expectedTreeSize: number | undefined;
  private readonly hashes = new SealedHashes();

  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: CheckpointSigner,
    private readonly checkpointer: TreeCheckpointer,
    config: ConfigService<Env, true>,
    @Optional() metrics?: MetricsRegistry,
  ) {
    this.batchSize = config.get('AUDIT_SEAL_BATCH_SIZE', { infer: true });
    this.checkpointEvery = BigInt(config.get('AUDIT_CHECKPOINT_EVERY', { infer: true }));
    this.checkpointIntervalMs = config.get('AUDIT_CHECKPOINT_INTERVAL_MS', { infer: true });
    this.sealedCounter = metrics
      ? new Counter({
          name: 'audit_events_sealed_total',
          help: 'Audit events sealed into the hash chain by this process',
          registers: [metrics.registry],
        })
      : undefined;
  }

  /** Seals until the outbox is empty (as seen by this transaction); returns how many. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < this.batchSize) break;
    }
    if (total > 0) {
      await this.checkpointer.maybeCheckpoint().catch((error: unknown) => {
        this.logger.warn(`Audit tree checkpoint failed: ${String(error)}`);
      });
    }
    return total;
  }

  /** Seals one batch of at most AUDIT_SEAL_BATCH_SIZE rows; returns how many it sealed. */
  async sealBatch(): Promise<number> {
    let treeSizeAfter: number | undefined;
    const sealed = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, event_id, date_trunc('milliseconds', occurred_at) AS occurred_at, action,
                actor_type, actor_id, actor_display, target_type, target_id, changes, outcome,
                ip, user_agent, request_id, trace_id, traceparent
           FROM audit_outbox ORDER BY id LIMIT $1`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      // The seal job's span continues one request's trace; it links to the others sealed here.
      linkActiveSpanTo(rows.map((row) => row.traceparent));
      const head = await readHead(manager, this.expectedTreeSize);
      let seq = head.seq;
      const chainSizeBefore = Number(seq);
      let prevHash = head.hash;
      const values: unknown[] = [];
      const leaves: Buffer[] = [];
      const due: { seq: bigint; hash: string }[] = [];
      for (const row of rows) {
        seq += 1n;
        const canonical = canonicalEvent(hashedFieldsOfColumns(row, row.event_id, seq.toString()));
        const { chain: hash, leaf } = this.hashes.of(prevHash, canonical);
        leaves.push(leaf);
        values.push(
          seq.toString(),
          row.event_id,
          row.occurred_at,
          row.action,
          row.actor_type,
          row.actor_id,
          row.actor_display,
          row.target_type,
          row.target_id,
          row.changes === null ? null : JSON.stringify(row.changes),
          row.outcome,
          row.ip,
          row.user_agent,
          row.request_id,
          row.trace_id,
          prevHash,
          hash,
        );
        if (seq % this.checkpointEvery === 0n) due.push({ seq, hash });
        prevHash = hash;
      }
      const tree = await this.extendTree(manager, head, chainSizeBefore, leaves);
      await writeBatch(manager, values, rows.length, tree?.created ?? [], rows);
      await this.writeCheckpoints(manager, due, { seq, hash: prevHash }, head.checkpoint);
      treeSizeAfter = tree?.size;
      return rows.length;
    });
    // Only a committed batch tells where the tree now ends; a rollback leaves the guess stale,
    // which the next batch notices (the sizes differ) and reads the frontier again.
    if (sealed > 0) this.expectedTreeSize = treeSizeAfter;
    this.sealedCounter?.inc(sealed);
    return sealed;
  }

  /**
   * The nodes that append this batch's leaves when the tree had exactly the chain's events
   * before it, else those that catch it up from audit_events (and then the batch's leaves too
   * if that reaches the chain). A tree larger than the chain means events were removed under
   * it: left alone, and refused loudly. The frontier comes from the database either way (the
   * head statement read it when the size was as expected), never from memory.
   */
  private async extendTree(
    manager: EntityManager,
    head: ChainHead,
    chainSizeBefore: number,
    batchLeaves: Buffer[],
  ): Promise<{ created: TreeNode[]; size: number } | undefined> {
    const treeSize = head.treeSize;
    if (treeSize > chainSizeBefore) {
      this.checkpointer.refuse(
        'tree-ahead-of-chain',
        `the tree has ${treeSize} leaves but the chain ended at seq ${chainSizeBefore}: events were removed`,
      );
      return undefined;
    }
    const frontier = head.frontier ?? (await merkleStore.readFrontier(manager, treeSize));
    if (treeSize === chainSizeBefore) return sized(appendLeaves(frontier, batchLeaves));
    const leaves = await readEventLeaves(manager, treeSize, TREE_CATCH_UP_CHUNK);
    if (leaves.length === 0) {
      this.checkpointer.refuse(
        'chain-gap',
        `the tree stops at ${treeSize} leaves and seq ${treeSize + 1} is not in audit_events (deleted or purged): it cannot catch up`,
      );
      return undefined;
    }
    if (treeSize + leaves.length === chainSizeBefore) leaves.push(...batchLeaves);
    return sized(appendLeaves(frontier, leaves));
  }

  private async writeCheckpoints(
    manager: EntityManager,
    due: { seq: bigint; hash: string }[],
    last: { seq: bigint; hash: string },
    latest: { seq: bigint; createdAt: Date } | undefined,
  ): Promise<void> {
    const now = new Date();
    const lastCheckpointSeq = due.at(-1)?.seq ?? latest?.seq ?? 0n;
    const lastCheckpointAt = due.length > 0 ? now : latest?.createdAt;
    // Also by time: the first batch ever, or minutes since the last one with new events since.
    const byTime =
      last.seq > lastCheckpointSeq &&
      (lastCheckpointAt === undefined ||
        now.getTime() - lastCheckpointAt.getTime() >= this.checkpointIntervalMs);
    if (byTime) due.push(last);
    for (const point of due) {
      await this.insertCheckpoint(manager, point, now, 'interval');
    }
  }

  async insertCheckpoint(
    manager: EntityManager,
    point: { seq: bigint; hash: string },
    createdAt: Date,
    reason: string,
  ): Promise<void> {
    const signed = this.signer.sign({ seq: point.seq.toString(), hash: point.hash, createdAt });
    await manager.query(
      `INSERT INTO audit_checkpoints (seq, hash, created_at, key_id, signature, reason)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (seq) DO NOTHING`,
      [signed.seq, signed.hash, createdAt, signed.keyId, signed.signature, reason],
    );
  }
}

function sized(appended: { frontier: Frontier; created: TreeNode[] }) {
  return { created: appended.created, size: appended.frontier.size };
}

interface ChainHead {
  seq: bigint;
  hash: string;
  /** Leaves in the stored tree. */
  treeSize: number;
  /** The stored tree's frontier, when its size was the one expected (else read it apart). */
  frontier: Frontier | undefined;
  /** The newest chain checkpoint (audit_checkpoints). */
  checkpoint: { seq: bigint; createdAt: Date } | undefined;
}

/**
 * Everything a batch reads before it writes, in one statement: the chain head (the last event,
 * or a retention checkpoint when everything was purged), the newest chain checkpoint, the
 * stored tree's size and the frontier nodes of the size the caller expects (each a primary-key
 * probe, so a wrong guess costs nothing but a second read).
 */
async function readHead(db: Queryable, expectedTreeSize: number | undefined): Promise<ChainHead> {
  const coords = expectedTreeSize === undefined ? [] : frontierCoords(expectedTreeSize);
  const [row]: {
    seq: string | null;
    hash: string | null;
    checkpoint_seq: string | null;
    checkpoint_at: Date | null;
    tree_size: string | null;
    edge: (Buffer | null)[];
  }[] = await db.query(
    `WITH head AS (
       SELECT seq, hash FROM (
         (SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1)
         UNION ALL
         (SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1)
       ) AS heads ORDER BY seq DESC LIMIT 1
     ), checkpoint AS (
       SELECT seq, created_at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1
     )
     SELECT (SELECT seq FROM head) AS seq, (SELECT hash FROM head) AS hash,
            (SELECT seq FROM checkpoint) AS checkpoint_seq,
            (SELECT created_at FROM checkpoint) AS checkpoint_at,
            ${TREE_SIZE_SQL} AS tree_size,
            ARRAY(SELECT ${nodeHashSql('c.level', 'c.idx')}
                    FROM unnest($1::smallint[], $2::bigint[]) WITH ORDINALITY AS c(level, idx, ord)
                   ORDER BY c.ord) AS edge`,
    [coords.map((c) => c.level), coords.map((c) => c.index)],
  );
  const treeSize = row.tree_size === null ? 0 : Number(row.tree_size);
  const edgeComplete = row.edge.every((hash) => hash !== null);
  return {
    seq: row.seq === null ? 0n : BigInt(row.seq),
    hash: row.hash ?? GENESIS_HASH,
    treeSize,
    frontier:
      treeSize === expectedTreeSize && edgeComplete
        ? { size: treeSize, hashes: row.edge as Buffer[] }
        : undefined,
    checkpoint:
      row.checkpoint_seq === null || row.checkpoint_at === null
        ? undefined
        : { seq: BigInt(row.checkpoint_seq), createdAt: row.checkpoint_at },
  };
}

/**
 * The batch's writes in one statement: the events as one array per column through unnest
 * (a handful of parameters: a 500-row VALUES list of 8,500 parameters cost the backend more
 * to bind and plan than the rows cost to insert), the tree's segments, and the outbox delete.
 */
const WRITE_BATCH_SQL = `WITH events AS (
       INSERT INTO audit_events (${EVENT_COLUMNS.join(',')})
       SELECT * FROM unnest(${EVENT_COLUMNS.map((column, i) => `$${i + 1}::${EVENT_COLUMN_TYPES[column]}[]`).join(', ')})
     ), nodes AS (
       INSERT INTO audit_merkle_segments (level, start, count, hashes) ${segmentRowsSql(EVENT_COLUMNS.length + 1)}
     )
     DELETE FROM audit_outbox WHERE id = ANY($${EVENT_COLUMNS.length + 5}::bigint[])`;

/**
 * The batch's writes in one round trip: its events, the tree nodes, and the outbox rows
 * removed (data-modifying CTEs of one statement, in the batch's transaction). `values` holds
 * the events' parameters row after row, EVENT_COLUMNS wide.
 */
async function writeBatch(
  db: Queryable,
  values: readonly unknown[],
  count: number,
  nodes: readonly TreeNode[],
  outbox: readonly OutboxRow[],
): Promise<void> {
  const width = EVENT_COLUMNS.length;
  const columns = EVENT_COLUMNS.map((_, column) => {
    const cells = new Array<unknown>(count);
    for (let row = 0; row < count; row += 1) cells[row] = values[row * width + column];
    return cells;
  });
  await db.query(WRITE_BATCH_SQL, [
    ...columns,
    ...segmentRowsParams(nodes),
    outbox.map((row) => row.id),
  ]);
}
