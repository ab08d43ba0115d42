import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditLogService } from '../audit-log';
import type { RequestContext } from '../common/http/request-context';
import type { FieldError } from '../common/problem/problem-details';
import { ProblemException } from '../common/problem/problem.exception';
import { invalidFields } from '../common/problem/validation-errors';
import { AUDIT_STREAM_BATCH_DEFAULT } from './audit-stream.constants';
import { AuditStreamsRepository, type StreamHealthRow } from './audit-streams.repository';
import type { CreateAuditStreamDto } from './dto/create-audit-stream.dto';
import { AuditStreamEntity } from './entities/audit-stream.entity';
import type { HttpPoster } from './sinks/http-poster';
import { STREAM_HTTP_POSTER } from './sinks/stream-sinks';

/** Streams are configuration, not data: a small fixed ceiling keeps every worker's turn short. */
export const AUDIT_STREAMS_MAX = 20;

const notFound = () =>
  new ProblemException({
    status: HttpStatus.NOT_FOUND,
    slug: 'not-found',
    detail: 'No such audit stream.',
  });

/** Rules for configuring streams; every change is itself an audit event. */
@Injectable()
export class AuditStreamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly streams: AuditStreamsRepository,
    private readonly audit: AuditLogService,
    @Inject(STREAM_HTTP_POSTER) private readonly http: HttpPoster,
  ) {}

  async create(
    body: CreateAuditStreamDto,
    actor: AuditActor,
    context: RequestContext,
  ): Promise<StreamHealthRow> {
    this.checkShape(body);
    const id = await this.dataSource.transaction(async (manager) => {
      // One creation at a time, so the ceiling and the file-name check hold under races.
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('audit_streams.create'))");
      if ((await this.streams.count(manager)) >= AUDIT_STREAMS_MAX) {
        throw new ProblemException({
          status: HttpStatus.CONFLICT,
          slug: 'audit-stream-limit',
          title: 'Too many audit streams',
          detail: `At most ${AUDIT_STREAMS_MAX} streams; remove one first.`,
        });
      }
      if (
        body.fileName &&
        (await manager.existsBy(AuditStreamEntity, { fileName: body.fileName }))
      ) {
        throw new ProblemException({
          status: HttpStatus.CONFLICT,
          slug: 'audit-stream-file-in-use',
          title: 'File already streamed to',
          detail: `Another stream writes ${body.fileName}; two streams in one file would interleave.`,
        });
      }
      const start =
        body.startAt === 'now' ? await this.streams.head(manager) : { seq: '0', hash: null };
      const stream = await this.streams.insert(
        manager,
        {
          name: body.name,
          kind: body.kind,
          format: body.format,
          url: body.url ?? null,
          fileName: body.fileName ?? null,
          secret: body.secret ?? null,
          batchSize: body.batchSize ?? AUDIT_STREAM_BATCH_DEFAULT,
          createdById: actor.id,
          createdByDisplay: actor.display,
        },
        start,
      );
      await this.audit.record(manager, {
        action: 'audit.stream.created',
        actor,
        target: { type: 'audit_stream', id: stream.id },
        changes: {
          stream: {
            after: {
              name: stream.name,
              kind: stream.kind,
              format: stream.format,
              // Without the query: some receivers take a token there.
              url: stream.url === null ? null : stream.url.split('?')[0],
              fileName: stream.fileName,
              hasSecret: stream.secret !== null,
              batchSize: stream.batchSize,
              startAfterSeq: start.seq,
            },
          },
        },
        outcome: 'success',
        context,
      });
      return stream.id;
    });
    return this.find(id);
  }

  list(): Promise<StreamHealthRow[]> {
    return this.streams.health();
  }

  async find(id: string): Promise<StreamHealthRow> {
    const [row] = await this.streams.health(id);
    if (!row) throw notFound();
    return row;
  }

  /** Pausing takes effect after the batch in flight, if any; the cursor is kept. */
  async setPaused(
    id: string,
    paused: boolean,
    actor: AuditActor,
    context: RequestContext,
  ): Promise<StreamHealthRow> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.streams.setPaused(manager, id, paused))) throw notFound();
      await this.audit.record(manager, {
        action: paused ? 'audit.stream.paused' : 'audit.stream.resumed',
        actor,
        target: { type: 'audit_stream', id },
        outcome: 'success',
        context,
      });
    });
    return this.find(id);
  }

  /** Cross-field rules the DTO cannot express, as one 400 listing every field at fault. */
  private checkShape(body: CreateAuditStreamDto): void {
    const errors: FieldError[] = [];
    if (body.kind === 'file') {
      if (!body.fileName)
        errors.push({ path: 'fileName', message: 'fileName is required for a file stream' });
      if (body.url !== undefined)
        errors.push({ path: 'url', message: 'url is not allowed for a file stream' });
      if (body.secret !== undefined) {
        errors.push({ path: 'secret', message: 'secret is not allowed for a file stream' });
      }
    } else {
      if (body.fileName !== undefined) {
        errors.push({
          path: 'fileName',
          message: `fileName is not allowed for a ${body.kind} stream`,
        });
      }
      if (!body.url) {
        errors.push({ path: 'url', message: `url is required for a ${body.kind} stream` });
      } else {
        try {
          this.http.checkUrl(body.url);
        } catch (error) {
          errors.push({
            path: 'url',
            message: error instanceof Error ? error.message : 'url refused',
          });
        }
      }
      if (body.kind === 'splunk-hec' && !body.secret) {
        errors.push({
          path: 'secret',
          message: 'secret (the HEC token) is required for splunk-hec',
        });
      }
    }
    if (errors.length > 0) throw invalidFields(errors);
  }
}
