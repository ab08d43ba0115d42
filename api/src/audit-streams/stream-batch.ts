import type { AuditStreamFormat } from './audit-stream.constants';
import { type StreamedEvent, toOcsf } from './ocsf-mapping';

/**
 * What every delivery carries, whatever the sink: the seq range, the chain hash just before it
 * and at its end, and an id that depends only on the stream and the range (so a re-send of
 * the same range after a crash has the same id, and a receiver can drop it).
 */
export interface BatchHeader {
  batchId: string;
  streamId: string;
  format: AuditStreamFormat;
  firstSeq: string;
  lastSeq: string;
  count: number;
  /** The chain hash before `firstSeq` (the first event's `prevHash`). */
  prevHash: string;
  /** The chain hash at `lastSeq`: the next batch's `prevHash`. */
  lastHash: string;
}

export interface StreamBatch extends BatchHeader {
  events: Record<string, unknown>[];
  /** `occurredAt` of each event, for sinks that stamp times (Splunk HEC). */
  occurredAt: string[];
}

export function batchIdOf(streamId: string, firstSeq: string, lastSeq: string): string {
  return `${streamId}:${firstSeq}-${lastSeq}`;
}

/** `events` in seq order, at least one. */
export function buildBatch(
  streamId: string,
  format: AuditStreamFormat,
  events: readonly StreamedEvent[],
): StreamBatch {
  const first = events[0];
  const last = events[events.length - 1];
  return {
    batchId: batchIdOf(streamId, first.seq, last.seq),
    streamId,
    format,
    firstSeq: first.seq,
    lastSeq: last.seq,
    count: events.length,
    prevHash: first.prevHash,
    lastHash: last.hash,
    events: events.map((event) =>
      format === 'ocsf' ? toOcsf(event) : (event as unknown as Record<string, unknown>),
    ),
    occurredAt: events.map((event) => event.occurredAt),
  };
}

export function headerOf(batch: StreamBatch): BatchHeader {
  return {
    batchId: batch.batchId,
    streamId: batch.streamId,
    format: batch.format,
    firstSeq: batch.firstSeq,
    lastSeq: batch.lastSeq,
    count: batch.count,
    prevHash: batch.prevHash,
    lastHash: batch.lastHash,
  };
}

/** The same facts as HTTP headers, for receivers that route before parsing the body. */
export function batchHttpHeaders(batch: BatchHeader): Record<string, string> {
  return {
    'x-audit-batch-id': batch.batchId,
    'x-audit-seq-first': batch.firstSeq,
    'x-audit-seq-last': batch.lastSeq,
    'x-audit-prev-hash': batch.prevHash,
    'x-audit-last-hash': batch.lastHash,
  };
}
