import type { AuditExport } from './audit-log-api';

/** Statuses after which an export never changes again. */
export const FINAL_EXPORT_STATUSES: readonly AuditExport['status'][] = [
  'done',
  'failed',
  'expired',
];

export function isFinal(job: Pick<AuditExport, 'status'>): boolean {
  return FINAL_EXPORT_STATUSES.includes(job.status);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

/** Resolves after `ms`, or rejects with the abort reason as soon as `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface PollOptions {
  intervalMs: number;
  signal: AbortSignal;
  /** Waits between polls (a test passes an instant one). */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Reads an export's state every `intervalMs` until it is final, reporting each state read.
 * Returns the final state; rejects if a read fails or `signal` aborts (the page closed).
 */
export async function pollExport(
  read: () => Promise<AuditExport>,
  onState: (job: AuditExport) => void,
  options: PollOptions,
): Promise<AuditExport> {
  const wait = options.wait ?? delay;
  for (;;) {
    const job = await read();
    if (options.signal.aborted) throw abortError(options.signal);
    onState(job);
    if (isFinal(job)) return job;
    await wait(options.intervalMs, options.signal);
  }
}

/** The file name a finished export is saved under. */
export function exportFileName(job: Pick<AuditExport, 'id' | 'format'>): string {
  return `audit-export-${job.id}.${job.format}`;
}
