import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppRole } from '../config/env.schema';
import { AuditOutboxStats } from './audit-outbox-stats';
import { AUDIT_QUEUE } from './audit-queue';
import { AuditLogService } from './audit-log.service';
import { AuditSealSignal } from './audit-seal-signal';
import { AuditOutboxSweep, AuditSealProcessor } from './audit-seal.processor';
import { AuditSealerService } from './audit-sealer.service';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditQueryService } from './audit-query.service';
import { AuditExportsController } from './audit-exports.controller';
import { AuditExportsService } from './audit-exports.service';
import { CheckpointSigner } from './chain/checkpoint-signer';
import { AuditCheckpointEntity } from './entities/audit-checkpoint.entity';
import { AuditEventEntity } from './entities/audit-event.entity';
import { AuditExportEntity } from './entities/audit-export.entity';
import { AuditMerkleNodeEntity } from './entities/audit-merkle-node.entity';
import { AuditOutboxEntity } from './entities/audit-outbox.entity';
import { AuditTreeCheckpointEntity } from './entities/audit-tree-checkpoint.entity';
import { TreeCheckpointer } from './tree/tree-checkpointer.service';
import { AuditTreeService } from './tree/audit-tree.service';
import { AuditTreeController } from './audit-tree.controller';

/**
 * Audit log. `AuditLogService` (capture into the outbox) exists in every role; HTTP
 * controllers only where HTTP is served, the sealer's job processor and the outbox sweep
 * only in workers.
 */
@Global()
@Module({})
export class AuditLogModule {
  static forRole(role: AppRole): DynamicModule {
    const servesApi = role !== 'worker';
    const runsJobs = role !== 'api';
    const controllers: Type[] = servesApi
      ? [AuditEventsController, AuditExportsController, AuditTreeController]
      : [];
    const workerProviders: Provider[] = runsJobs ? [AuditSealProcessor, AuditOutboxSweep] : [];
    return {
      module: AuditLogModule,
      global: true,
      imports: [
        TypeOrmModule.forFeature([
          AuditOutboxEntity,
          AuditEventEntity,
          AuditCheckpointEntity,
          AuditExportEntity,
          AuditMerkleNodeEntity,
          AuditTreeCheckpointEntity,
        ]),
        BullModule.registerQueue({ name: AUDIT_QUEUE }),
        TerminusModule, // every role serves readiness (AuditOutboxStats)
      ],
      controllers,
      providers: [
        AuditLogService,
        AuditSealSignal,
        AuditSealerService,
        TreeCheckpointer,
        AuditTreeService,
        CheckpointSigner,
        AuditVerifierService,
        AuditEventsRepository,
        AuditQueryService,
        AuditExportsService,
        AuditOutboxStats,
        ...workerProviders,
      ],
      // AuditQueryService: task history reads a task's events through it.
      exports: [AuditLogService, AuditQueryService, AuditOutboxStats],
    };
  }
}
