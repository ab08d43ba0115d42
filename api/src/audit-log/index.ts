/**
 * The audit log's public API (docs/architecture.md). Everything else under audit-log/ is
 * private to it (enforced by ESLint).
 */

// For feature modules: record events in their own transaction, read a target's history.
export type { AuditActor, AuditChanges, AuditEventInput, AuditTarget } from './audit-event.input';
export { AuditLogModule } from './audit-log.module';
export { AuditLogService } from './audit-log.service';
export { outboxInsert, type OutboxRowSource } from './outbox-insert';
export { AuditQueryService } from './audit-query.service';
export { AuditEventDto } from './dto/audit-event.dto';

// For health and system status: the outbox's backlog.
export { AuditOutboxStats, type OutboxStats } from './audit-outbox-stats';

// For the ops tools (verify, export, retention, benchmarks): the chain's public algorithms.
export { openEventRowStream } from './event-row-stream';
export { openEventTupleStream } from './event-tuple-stream';
export { EventTupleEncoder } from './event-tuple';
export { AUDIT_SEAL_LOCK } from './audit-sealer.service';
export { AuditVerifierService, type ChainKey, verifyChain } from './audit-verifier.service';
export { canonicalJson } from './chain/canonical-json';
export type { VerifyResult } from './chain/chain-walker';
export { checkpointPayload, keyIdOf } from './chain/checkpoint-signer';
export { eventHash, GENESIS_HASH } from './chain/event-hash';
export { parsePublicKeys, type TrustedKeys } from './chain/trusted-keys';
export { verifyExportFile } from './chain/export-file-verifier';
export type { AuditExportManifest } from './entities/audit-export.entity';
export { Col, type EventRow } from './event-row';
export { exportTransform } from './export-format';
// For audit-streams: sealed events read and shaped exactly as the export reads and shapes them.
export { jsonLine } from './export-format';
export { EVENT_ROW_SELECT } from './event-row';

// The Merkle tree (issue #17): the pure library (hashes, proofs, checkpoint notes), its storage
// and the one-off backfill, for the ops tools (verify, witness, backfill, benchmarks).
export * from './merkle';
export { merkleStore, MissingNodeError, type Queryable } from './tree/merkle-store';
export { readEventLeaves, hashedFieldsOf } from './tree/event-leaves';
export { backfillTree, type BackfillProgress } from './tree/tree-backfill';
export { CheckpointPublisher, checkpointFileName } from './tree/checkpoint-publisher';
export { TreeCheckpointer, type CheckpointOutcome } from './tree/tree-checkpointer.service';
// Verification against published checkpoints, proofs from the events (audit:verify).
export {
  openPublishedCheckpoint,
  readPublishedCheckpoints,
  type PublishedCheckpoint,
} from './chain/published-checkpoints';
export { findEventForProof, LeafNodeReader, readLeafHashes } from './event-leaves';
export { ChainWalker } from './chain/chain-walker';
export { TreeChecker } from './chain/tree-checker';
export { canonicalOfRow, chainEventOf } from './event-row';
export type { VerifyOptions } from './audit-verifier.service';
// The witness protocol's request body (c2sp.org/tlog-witness add-checkpoint), for ops/witness.
export {
  type AddCheckpointRequest,
  AddCheckpointFormatError,
  formatAddCheckpoint,
  parseAddCheckpoint,
} from './witness/add-checkpoint-request';
// For `bench:audit-cpu`: the export's COPY and its line writer, measured per row.
export { CopyOutStream, type CopyRowWriter } from './copy-out-stream';
export { EXPORT_COLUMNS } from './export-row-writer';
export { exportCopyStream } from './export-stream';
