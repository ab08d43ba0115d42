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
import { AuditMerkleSegmentEntity } from './entities/audit-merkle-segment.entity';
import { AuditOutboxEntity } from './entities/audit-outbox.entity';
import { AuditTreeCheckpointEntity } from './entities/audit-tree-checkpoint.entity';
import { TreeCheckpointer } from './tree/tree-checkpointer.service';
import { AuditTreeService } from './tree/audit-tree.service';
import { AuditTreeController } from './audit-tree.controller';
import { AuditCheckpointCosignatureEntity } from './entities/audit-checkpoint-cosignature.entity';
import { AuditCosignaturesRepository } from './witness/audit-cosignatures.repository';
import { AuditWitnessSignal } from './witness/audit-witness-signal';
import { AuditWitnessService } from './witness/audit-witness.service';
import { CosignedFiles } from './witness/cosigned-files';
import { TreeWitnessedLog } from './witness/tree-witnessed-log';
import { WITNESSED_LOG } from './witness/witnessed-log';

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
    const workerProviders: Provider[] = runsJobs
      ? [
          AuditSealProcessor,
          AuditOutboxSweep,
          // Witnesses are asked by workers only (docs/audit-log.md, "Witness").
          AuditWitnessService,
          AuditWitnessSignal,
          CosignedFiles,
          { provide: WITNESSED_LOG, useClass: TreeWitnessedLog },
        ]
      : [];
    return {
      module: AuditLogModule,
      global: true,
      imports: [
        TypeOrmModule.forFeature([
          AuditOutboxEntity,
          AuditEventEntity,
          AuditCheckpointEntity,
          AuditExportEntity,
          AuditMerkleSegmentEntity,
          AuditTreeCheckpointEntity,
          AuditCheckpointCosignatureEntity,
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
        AuditCosignaturesRepository,
        ...workerProviders,
      ],
      // AuditQueryService: task history reads a task's events through it.
      exports: [AuditLogService, AuditQueryService, AuditOutboxStats],
    };
  }
}
