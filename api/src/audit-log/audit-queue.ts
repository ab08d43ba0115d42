/**
 * The Bull queue of the audit log: `seal` drains the outbox, `export` writes an export file,
 * `witness` sends the latest checkpoint to the witnesses.
 */
export const AUDIT_QUEUE = 'audit';
export const SEAL_JOB = 'seal';
export const EXPORT_JOB = 'export';
export const WITNESS_JOB = 'witness';

/** A seal job's data: the trace context of the request that asked for it (may be empty). */
export interface SealJobData {
  trace?: Record<string, string>;
}
