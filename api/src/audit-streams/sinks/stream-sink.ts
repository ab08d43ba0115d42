import type { AuditStreamEntity } from '../entities/audit-stream.entity';
import type { StreamBatch } from '../stream-batch';

/** How one attempt ended: `ok` only once the receiver acknowledged (2xx) or the file is fsynced. */
export interface SinkOutcome {
  ok: boolean;
  /** Why not, for the stream's `lastError` (never the secret). */
  error: string | null;
}

/** Delivers one batch; never throws (a failure is an outcome, retried with backoff). */
export interface StreamSink {
  send(stream: AuditStreamEntity, batch: StreamBatch): Promise<SinkOutcome>;
}

export function failure(error: unknown): SinkOutcome {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}
