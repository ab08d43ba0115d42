import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboundHttpClient, OutboundModule } from '../common/outbound';
import type { AppRole } from '../config/env.schema';
import { AuditStreamDelivery } from './audit-stream-delivery';
import { AuditStreamMetrics } from './audit-stream-metrics';
import { AuditStreamRunner } from './audit-stream-runner';
import { AuditStreamsController } from './audit-streams.controller';
import { AuditStreamsRepository } from './audit-streams.repository';
import { AuditStreamsService } from './audit-streams.service';
import { AuditStreamCursorEntity } from './entities/audit-stream-cursor.entity';
import { AuditStreamEntity } from './entities/audit-stream.entity';
import { STREAM_HTTP_POSTER, StreamSinks } from './sinks/stream-sinks';

/**
 * Audit-log streams to a SIEM (issue #19). Configuration and health over HTTP where HTTP is
 * served; delivery (the runner) only in workers; lag metrics in every role.
 */
@Module({})
export class AuditStreamsModule {
  static forRole(role: AppRole): DynamicModule {
    const servesApi = role !== 'worker';
    const runsJobs = role !== 'api';
    const controllers: Type[] = servesApi ? [AuditStreamsController] : [];
    const apiProviders: Provider[] = servesApi ? [AuditStreamsService] : [];
    const workerProviders: Provider[] = runsJobs
      ? [StreamSinks, AuditStreamDelivery, AuditStreamRunner]
      : [];
    return {
      module: AuditStreamsModule,
      imports: [
        TypeOrmModule.forFeature([AuditStreamEntity, AuditStreamCursorEntity]),
        OutboundModule,
      ],
      controllers,
      providers: [
        AuditStreamsRepository,
        AuditStreamMetrics,
        // Every HTTP sink sends through the one SSRF-guarded client (common/outbound).
        { provide: STREAM_HTTP_POSTER, useExisting: OutboundHttpClient },
        ...apiProviders,
        ...workerProviders,
      ],
    };
  }
}
