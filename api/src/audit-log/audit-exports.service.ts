import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job, Queue } from 'bull';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import { ProblemException } from '../common/problem/problem.exception';
import { Env } from '../config/env.schema';
import type { AuditActor } from './audit-event.input';
import type { RequestContext } from '../common/http/request-context';
import { AuditLogService } from './audit-log.service';
import { AuditEventFilters, filtersOf } from './audit-event-filters';
import { AuditQueryService } from './audit-query.service';
import { activeTraceCarrier, type TraceCarrier } from '../common/telemetry/job-trace';
import { AUDIT_QUEUE, EXPORT_JOB } from './audit-queue';
import { CheckpointSigner } from './chain/checkpoint-signer';
import type { AuditExportFormat } from './dto/audit-filters.dto';
import { AuditExportEntity, AuditExportManifest } from './entities/audit-export.entity';
import { exportTreeCheckpoint } from './export-checkpoint';

export interface ExportJobData {
  exportId: string;
  /** W3C trace context of the request that asked for it (absent when the sweep re-queues it). */
  trace?: TraceCarrier;
}

/** Drops undefined members so filters store (and sign) the same way they were given. */
function definedFilters(filters: AuditEventFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filtersOf(filters)).filter(([, value]) => value !== undefined),
  );
}

/**
 * Background exports: a request row (queued → running → done/failed → expired), a Bull job
 * that writes the file to AUDIT_EXPORT_DIR with progress, and a signed manifest.
 */
@Injectable()
export class AuditExportsService {
  private readonly logger = new Logger(AuditExportsService.name);
  private readonly directory: string;
  private readonly ttlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly query: AuditQueryService,
    private readonly signer: CheckpointSigner,
    private readonly audit: AuditLogService,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue<ExportJobData>,
    config: ConfigService<Env, true>,
  ) {
    this.directory = resolve(config.get('AUDIT_EXPORT_DIR', { infer: true }));
    this.ttlMs = config.get('AUDIT_EXPORT_TTL_HOURS', { infer: true }) * 3_600_000;
  }

  /** Records the request (and its audit event) in one transaction, then queues the job. */
  async request(
    format: AuditExportFormat,
    filters: AuditEventFilters,
    actor: AuditActor,
    context: RequestContext,
  ): Promise<AuditExportEntity> {
    const stored = definedFilters(filters);
    const entity = await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(AuditExportEntity, {
          requestedById: actor.id,
          requestedByDisplay: actor.display,
          format,
          filters: stored,
        }),
      );
      await this.audit.record(manager, {
        action: 'audit.export.requested',
        actor,
        target: { type: 'audit_export', id: row.id },
        changes: { export: { after: { format, filters: stored } } },
        outcome: 'success',
        context,
      });
      return row;
    });
    this.enqueue(entity.id);
    return entity;
  }

  /** Best effort: when Redis is down the workers' sweep re-queues what is still `queued`. */
  enqueue(exportId: string): void {
    this.queue
      .add(EXPORT_JOB, { exportId, trace: activeTraceCarrier() } satisfies ExportJobData, {
        jobId: `export:${exportId}`,
        attempts: 3,
      })
      .catch((error: unknown) =>
        this.logger.warn(`Export ${exportId} not queued: ${String(error)}`),
      );
  }

  async find(id: string): Promise<AuditExportEntity> {
    const row = await this.dataSource.manager.findOneBy(AuditExportEntity, { id });
    if (!row) {
      throw new ProblemException({
        status: HttpStatus.NOT_FOUND,
        slug: 'not-found',
        detail: 'No such audit export.',
      });
    }
    return row;
  }

  /** Opens a finished export's file, recording the download as an audit event. */
  async openDownload(
    id: string,
    actor: AuditActor,
    context: RequestContext,
  ): Promise<{ entity: AuditExportEntity; file: ReadStream }> {
    const entity = await this.find(id);
    if (entity.status !== 'done' || !entity.filePath) {
      throw new ProblemException({
        status: HttpStatus.CONFLICT,
        slug: 'export-not-ready',
        title: 'Export not available',
        detail: `The export is ${entity.status}; download it once it is done (and before it expires).`,
      });
    }
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.export.downloaded',
      actor,
      target: { type: 'audit_export', id },
      outcome: 'success',
      context,
    });
    return { entity, file: createReadStream(entity.filePath) };
  }

  /** The job: stream the match into a temp file, hashing as it goes, then sign the manifest. */
  async run(exportId: string, job?: Job<ExportJobData>): Promise<void> {
    const entity = await this.dataSource.manager.findOneBy(AuditExportEntity, { id: exportId });
    if (!entity || entity.status === 'done' || entity.status === 'expired') return;
    await this.update(exportId, { status: 'running', progress: 0, error: null });
    const filters = entity.filters as AuditEventFilters;
    await mkdir(this.directory, { recursive: true });
    const finalPath = join(this.directory, `${exportId}.${entity.format}`);
    const tempPath = `${finalPath}.part`;
    const fileHash = createHash('sha256');
    let reported = 0;
    // Progress writes are chained so that none can land after the final `done` update.
    let progressWrites = Promise.resolve();
    // Set once the export's range is fixed, before its first row can arrive.
    let total = 0;
    const onProgress = (count: number) => {
      const percent = total === 0 ? 100 : Math.floor((count * 100) / total);
      if (percent >= reported + 5 && percent < 100) {
        reported = percent;
        progressWrites = progressWrites
          .then(() => this.update(exportId, { progress: percent }))
          .then(() => job?.progress(percent))
          .catch((error: unknown) => this.logger.warn(`Export progress: ${String(error)}`));
      }
    };
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        fileHash.update(chunk);
        callback(null, chunk);
      },
    });
    // On the requester's read connection (a replica that has their writes, waited for a
    // little). The range is fixed at that connection's head: the file and its manifest
    // describe one snapshot.
    const stream = await this.query.exportStream(entity.requestedById, entity.format, filters, {
      background: true,
      onProgress,
    });
    const head = stream.range?.head ?? null;
    total = stream.range?.total ?? 0;
    try {
      await pipeline(stream.body, hashing, createWriteStream(tempPath));
      stream.release();
    } catch (error) {
      stream.release(error as Error);
      await progressWrites;
      await rm(tempPath, { force: true });
      await this.update(exportId, { status: 'failed', error: String(error) });
      throw error;
    }
    await progressWrites;
    await rename(tempPath, finalPath);
    // The extra columns of the export's COPY: [seq, hash].
    const first = stream.body.first;
    const last = stream.body.lastRow();
    const treeCheckpoint = await exportTreeCheckpoint(
      this.dataSource,
      first?.[0] ?? null,
      last?.[0] ?? null,
    );
    const manifest: AuditExportManifest = {
      exportId,
      format: entity.format,
      filters: entity.filters,
      upToSeq: head,
      count: stream.body.rows,
      firstSeq: first?.[0] ?? null,
      lastSeq: last?.[0] ?? null,
      firstHash: first?.[1] ?? null,
      lastHash: last?.[1] ?? null,
      fileSha256: fileHash.digest('hex'),
      createdAt: new Date().toISOString(),
      keyId: this.signer.keyId,
      ...(treeCheckpoint ? { treeCheckpoint } : {}),
    };
    await this.update(exportId, {
      status: 'done',
      progress: 100,
      manifest,
      manifestSignature: this.signer.signDocument(manifest),
      filePath: finalPath,
      completedAt: new Date(),
      expiresAt: new Date(Date.now() + this.ttlMs),
    });
    await job?.progress(100);
  }

  /** Sweep work: re-queue exports whose job was lost, delete expired files. */
  async maintain(): Promise<void> {
    const stale: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM audit_exports
        WHERE status = 'queued' AND created_at < now() - interval '30 seconds' LIMIT 100`,
    );
    for (const { id } of stale) this.enqueue(id);
    const expired: { id: string; file_path: string | null }[] = await this.dataSource.query(
      `WITH due AS (
         SELECT id, file_path FROM audit_exports
          WHERE status = 'done' AND expires_at < now() FOR UPDATE SKIP LOCKED)
       UPDATE audit_exports e SET status = 'expired', file_path = NULL
         FROM due WHERE e.id = due.id
       RETURNING e.id, due.file_path`,
    );
    for (const row of expired) if (row.file_path) await rm(row.file_path, { force: true });
  }

  private async update(
    id: string,
    values: Partial<AuditExportEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(AuditExportEntity, { id }, values);
  }
}
