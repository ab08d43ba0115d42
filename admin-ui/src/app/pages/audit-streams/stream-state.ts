import { withItem } from '../../core/lists/with-item';
import type { AuditStream, AuditStreamFormat, AuditStreamKind } from './audit-streams-api';

/** What a person needs to know first about a stream. */
export type StreamState = 'running' | 'paused' | 'failing';

/**
 * Paused wins (a paused stream sends nothing, whatever failed before); otherwise a stream whose
 * latest attempts failed is failing until a batch goes through (`attempts` back to 0). The last
 * error is kept after recovery as history, so it alone does not make a stream failing.
 */
export function streamState(stream: AuditStream): StreamState {
  if (stream.paused) return 'paused';
  return stream.health.attempts > 0 ? 'failing' : 'running';
}

export const STATE_LABELS: Readonly<Record<StreamState, string>> = {
  running: 'Running',
  paused: 'Paused',
  failing: 'Failing',
};

export const KIND_LABELS: Readonly<Record<AuditStreamKind, string>> = {
  'splunk-hec': 'Splunk HEC',
  'http-json': 'HTTP JSON',
  file: 'File',
};

export const FORMAT_LABELS: Readonly<Record<AuditStreamFormat, string>> = {
  jsonl: 'JSON Lines',
  ocsf: 'OCSF 1.1',
};

/** Where the stream sends: its URL without the query (receivers may take a token there), or its file. */
export function destinationText(stream: AuditStream): string {
  if (stream.url !== null) {
    const query = stream.url.indexOf('?');
    return query === -1 ? stream.url : `${stream.url.slice(0, query)}?…`;
  }
  return stream.fileName ?? '—';
}

/** A lag in seconds, rounded for reading: `0 s`, `42 s`, `3 min 20 s`, `2 h 5 min`, `3 d 4 h`. */
export function lagTimeText(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min ${whole % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The list with one stream replaced by its newer copy (after pause, resume), order kept. */
export function withStream(streams: readonly AuditStream[], updated: AuditStream): AuditStream[] {
  return withItem(streams, updated);
}
