/** The receivers a stream can feed (docs/audit-log.md, "Streaming to a SIEM"). */
export const AUDIT_STREAM_KINDS = ['splunk-hec', 'http-json', 'file'] as const;
export type AuditStreamKind = (typeof AUDIT_STREAM_KINDS)[number];

/** `jsonl`: our event shape (as the export); `ocsf`: the OCSF mapping (ocsf-mapping.ts). */
export const AUDIT_STREAM_FORMATS = ['jsonl', 'ocsf'] as const;
export type AuditStreamFormat = (typeof AUDIT_STREAM_FORMATS)[number];

export const AUDIT_STREAM_NAME_MAX = 100;
export const AUDIT_STREAM_URL_MAX = 2048;
export const AUDIT_STREAM_SECRET_MAX = 512;
export const AUDIT_STREAM_BATCH_MIN = 1;
export const AUDIT_STREAM_BATCH_MAX = 5000;
export const AUDIT_STREAM_BATCH_DEFAULT = 500;
/** A plain file name (no directory part), ending in `.jsonl`. */
export const AUDIT_STREAM_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,94}\.jsonl$/;
/** Longest stored last-error text (a receiver's answer is cut to this). */
export const AUDIT_STREAM_ERROR_MAX = 1000;
