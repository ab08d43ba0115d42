/** The Bull queue of the audit log: `seal` drains the outbox, `export` writes an export file. */
export const AUDIT_QUEUE = 'audit';
export const SEAL_JOB = 'seal';
export const EXPORT_JOB = 'export';
