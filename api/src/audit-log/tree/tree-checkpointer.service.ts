import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Env } from '../../config/env.schema';
import { MetricsRegistry } from '../../metrics/metrics.registry';
import { CheckpointSigner } from '../chain/checkpoint-signer';
import {
  checkConsistency,
  consistencyPlan,
  NoteError,
  ProofError,
  readPlans,
  rootPlan,
} from '../merkle';
import { openPublishedCheckpoint } from '../chain/published-checkpoints';
import { AUDIT_SEAL_LOCK } from './seal-lock';
import { CheckpointPublisher, PublishConflictError } from './checkpoint-publisher';
import { merkleStore, MissingNodeError, Queryable } from './merkle-store';

export type CheckpointOutcome =
  | { status: 'empty' }
  | { status: 'up-to-date'; size: number }
  | { status: 'scheduled'; dueAt: Date }
  | { status: 'signed'; size: number; note: string }
  | { status: 'refused'; reason: RefusalReason; message: string };

export type RefusalReason =
  | 'tree-smaller-than-published'
  | 'inconsistent-with-published'
  | 'tree-nodes-missing'
  | 'published-checkpoint-invalid'
  | 'publish-conflict'
  | 'tree-ahead-of-chain'
  | 'chain-gap';

/** What the sealer reports about the chain and tree it just extended. */
class RefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Signs and publishes C2SP checkpoints of the Merkle tree, at most AUDIT_CHECKPOINT_MAX_DELAY_MS
 * after any newly sealed event: right away when the last checkpoint is older than the delay,
 * else with a timer for when it falls due (and the outbox sweep calls this too, so a new worker
 * notices an unsigned head). Before signing it proves the new tree consistent with the newest
 * PUBLISHED checkpoint (the file, which the database cannot rewrite) and refuses loudly if not.
 */
@Injectable()
export class TreeCheckpointer implements OnApplicationShutdown {
  private readonly logger = new Logger(TreeCheckpointer.name);
  readonly origin: string;
  private readonly maxDelayMs: number;
  readonly publisher: CheckpointPublisher;
  private readonly refusals: Counter<'reason'> | undefined;
  private readonly refusing: Gauge | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The newest checkpoint this process published or read back: saves listing the directory. */
  private published: { size: number; root: Buffer } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: CheckpointSigner,
    config: ConfigService<Env, true>,
    @Optional() metrics?: MetricsRegistry,
  ) {
    this.origin = config.get('AUDIT_LOG_ORIGIN', { infer: true });
    this.maxDelayMs = config.get('AUDIT_CHECKPOINT_MAX_DELAY_MS', { infer: true });
    this.publisher = new CheckpointPublisher(
      resolve(config.get('AUDIT_CHECKPOINT_DIR', { infer: true })),
    );
    if (metrics) {
      this.refusals = new Counter({
        name: 'audit_checkpoint_refusals_total',
        help: 'Times the sealer refused to sign or extend the audit Merkle tree (tampering suspected), by reason',
        labelNames: ['reason'] as const,
        registers: [metrics.registry],
      });
      this.refusing = new Gauge({
        name: 'audit_checkpoint_refusing',
        help: '1 while the last checkpoint attempt was refused, else 0 (alert on 1)',
        registers: [metrics.registry],
      });
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Records a refusal: error log, counter, gauge. */
  refuse(reason: RefusalReason, message: string): CheckpointOutcome {
    this.logger.error(`Audit checkpoint refused (${reason}): ${message}`);
    this.refusals?.inc({ reason });
    this.refusing?.set(1);
    return { status: 'refused', reason, message };
  }

  /**
   * Signs a checkpoint if one is due, schedules one if not yet; never throws for tampering.
   * `now` is the clock the delay is measured with (tests pass a later one).
   */
  async maybeCheckpoint(now: Date = new Date()): Promise<CheckpointOutcome> {
    try {
      const outcome = await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
        return this.checkpointLocked(manager, now);
      });
      if (outcome.status === 'scheduled') this.schedule(outcome.dueAt);
      if (outcome.status === 'signed' || outcome.status === 'up-to-date') this.refusing?.set(0);
      return outcome;
    } catch (error) {
      if (error instanceof RefusedError) return this.refuse(error.reason, error.message);
      throw error;
    }
  }

  private async checkpointLocked(db: Queryable, now: Date): Promise<CheckpointOutcome> {
    const size = await merkleStore.treeSize(db);
    const latestRows: { tree_size: string; created_at: Date }[] = await db.query(
      'SELECT tree_size, created_at FROM audit_tree_checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    const latest = latestRows[0];
    if (size === 0 && latest === undefined) return { status: 'empty' };
    if (latest !== undefined && Number(latest.tree_size) === size)
      return { status: 'up-to-date', size };
    if (latest !== undefined && Number(latest.tree_size) < size) {
      // A little early (a tenth of the delay, at most 1 s): timer, lock and commit lag then fit
      // inside the delay (measured: signing at the delay itself overshot it by ~30 ms under load).
      const slack = Math.min(1000, this.maxDelayMs / 10);
      const dueAt = new Date(latest.created_at.getTime() + this.maxDelayMs - slack);
      if (dueAt > now) return { status: 'scheduled', dueAt };
    }
    const published = await this.latestPublished(latest ? Number(latest.tree_size) : 0);
    const from = published?.size ?? 0;
    if (size < from) {
      throw new RefusedError(
        'tree-smaller-than-published',
        `the tree has ${size} leaves but checkpoint ${from} is published: events were removed`,
      );
    }
    let proof: Buffer[];
    let root: Buffer;
    try {
      const [consistency, [rootElement]] = await readPlans(merkleStore.reader(db), [
        consistencyPlan(from, size),
        rootPlan(size),
      ]);
      proof = consistency;
      root = rootElement;
    } catch (error) {
      if (error instanceof MissingNodeError)
        throw new RefusedError('tree-nodes-missing', error.message);
      throw error;
    }
    if (published) {
      try {
        checkConsistency(from, size, proof, published.root, root);
      } catch (error) {
        if (!(error instanceof ProofError)) throw error;
        throw new RefusedError(
          'inconsistent-with-published',
          `the tree of ${size} does not extend published checkpoint ${from}: ${error.message}`,
        );
      }
    }
    const note = this.signer.signTreeCheckpoint({
      origin: this.origin,
      size,
      root,
      extensions: [],
    });
    if (published?.size !== size) {
      try {
        await this.publisher.publish(size, note);
      } catch (error) {
        if (error instanceof PublishConflictError)
          throw new RefusedError('publish-conflict', error.message);
        throw error;
      }
    }
    // The same size may already be published (a crash after the file, before the commit).
    await db.query(
      `INSERT INTO audit_tree_checkpoints (tree_size, root, note, created_at)
       VALUES ($1, $2, $3, now()) ON CONFLICT (tree_size) DO NOTHING`,
      [size, root, note],
    );
    this.published = { size, root };
    return { status: 'signed', size, note };
  }

  /**
   * The newest published checkpoint, its signature checked with a trusted key: the signing key
   * or, after a rotation, a retired one (AUDIT_PREVIOUS_PUBLIC_KEYS); an unknown key refuses.
   */
  private async latestPublished(
    dbSize: number,
  ): Promise<{ size: number; root: Buffer } | undefined> {
    if (this.published && this.published.size >= dbSize) return this.published;
    const file = await this.publisher.latest();
    if (file === undefined) return undefined;
    try {
      const checkpoint = openPublishedCheckpoint(
        file.text,
        file.file,
        this.signer.trustedPublicKeys,
      );
      if (checkpoint.origin !== this.origin) {
        throw new NoteError(`checkpoint origin ${checkpoint.origin} is not the log ${this.origin}`);
      }
      if (checkpoint.size !== file.size)
        throw new NoteError(`it holds tree size ${checkpoint.size}`);
      this.published = { size: checkpoint.size, root: checkpoint.root };
      return this.published;
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      throw new RefusedError('published-checkpoint-invalid', `${file.file}: ${error.message}`);
    }
  }

  private schedule(dueAt: Date): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.maybeCheckpoint().catch((error: unknown) =>
          this.logger.warn(`Scheduled audit checkpoint failed: ${String(error)}`),
        );
      },
      Math.max(0, dueAt.getTime() - Date.now()),
    );
    this.timer.unref();
  }
}
