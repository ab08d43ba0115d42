/**
 * The audit log's public API (docs/architecture.md). Everything else under audit-log/ is
 * private to it (enforced by ESLint).
 */

// For feature modules: record events in their own transaction, read a target's history.
export type { AuditActor, AuditChanges, AuditEventInput, AuditTarget } from './audit-event.input';
export { AuditLogModule } from './audit-log.module';
export { AuditLogService } from './audit-log.service';
export { AuditQueryService } from './audit-query.service';
export { AuditEventDto } from './dto/audit-event.dto';

// For health and system status: the outbox's backlog.
export { AuditOutboxStats, type OutboxStats } from './audit-outbox-stats';

// For the ops tools (verify, export, retention, benchmarks): the chain's public algorithms.
export { openEventRowStream } from './event-row-stream';
export { AUDIT_SEAL_LOCK } from './audit-sealer.service';
export { AuditVerifierService, type ChainKey, verifyChain } from './audit-verifier.service';
export { canonicalJson } from './chain/canonical-json';
export type { VerifyResult } from './chain/chain-walker';
export { checkpointPayload, keyIdOf } from './chain/checkpoint-signer';
export { eventHash, GENESIS_HASH } from './chain/event-hash';
export { verifyExportFile } from './chain/export-file-verifier';
export type { AuditExportManifest } from './entities/audit-export.entity';
export { Col, type EventRow } from './event-row';
export { exportTransform } from './export-format';
// For `bench:audit-cpu`: the export's COPY and its line writer, measured per row.
export { CopyOutStream, type CopyRowWriter } from './copy-out-stream';
export { EXPORT_COLUMNS } from './export-row-writer';
export { exportCopyStream } from './export-stream';
