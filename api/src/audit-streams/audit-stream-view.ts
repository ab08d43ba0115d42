import type { StreamHealthRow } from './audit-streams.repository';
import type { AuditStreamDto } from './dto/audit-stream.dto';

/** A stream as the API shows it: configuration without the secret, and its health. */
export function toAuditStreamDto({
  stream,
  cursor,
  headSeq,
  lagEvents,
  lagSeconds,
}: StreamHealthRow): AuditStreamDto {
  return {
    id: stream.id,
    name: stream.name,
    kind: stream.kind,
    format: stream.format,
    url: stream.url,
    fileName: stream.fileName,
    hasSecret: stream.secret !== null,
    batchSize: stream.batchSize,
    paused: stream.paused,
    createdAt: stream.createdAt.toISOString(),
    createdBy: { id: stream.createdById, display: stream.createdByDisplay },
    health: {
      lastSeq: cursor.lastSeq,
      lastHash: cursor.lastHash,
      headSeq,
      lagEvents,
      lagSeconds,
      lastDeliveredAt: cursor.lastDeliveredAt?.toISOString() ?? null,
      attempts: cursor.attempts,
      nextAttemptAt: cursor.nextAttemptAt?.toISOString() ?? null,
      lastError:
        cursor.lastErrorAt && cursor.lastError
          ? { at: cursor.lastErrorAt.toISOString(), message: cursor.lastError }
          : null,
    },
  };
}
