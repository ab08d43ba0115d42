import fc from 'fast-check';
import type { CheckResult, FailureKind, Finding } from './checker';
import type { SendOutcome } from './http-client';
import type { FuzzRequest, RequestCost } from './request-model';

/** Where requests go and how their answers are judged. */
export interface FuzzTarget {
  send(request: FuzzRequest): Promise<SendOutcome>;
  check(request: FuzzRequest, outcome: SendOutcome): CheckResult;
}

export type CappedCost = Exclude<RequestCost, 'cheap'>;

export interface RunOptions {
  seed: number;
  /** Requests to send (skipped ones do not count). */
  requests: number;
  /** Wall-clock budget for sending and shrinking together. */
  budgetMs: number;
  concurrency: number;
  /** At most this many requests of each expensive kind are sent; further ones are skipped. */
  costCaps: Record<CappedCost, number>;
  /** Distinct failures shrunk, and requests spent shrinking each. */
  shrink: { maxFailures: number; maxAttempts: number };
  onProgress?(progress: Progress): void;
  progressEveryMs?: number;
}

export interface Progress {
  sent: number;
  target: number;
  failures: number;
  elapsedMs: number;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'none';

export interface FailureGroup {
  signature: string;
  operation: string;
  kind: FailureKind;
  status: number | null;
  count: number;
  /** The first request (by generation index) that failed this way. */
  first: { index: number; request: FuzzRequest; message: string };
  /** The smallest request fast-check's shrinking found failing the same way, with its replay path. */
  minimal?: { path: string; request: FuzzRequest; message: string; attempts: number };
  /** Why there is no `minimal`. */
  shrinkNote?: string;
}

export interface WarningGroup {
  signature: string;
  count: number;
  example: string;
}

export interface FuzzReport {
  seed: number;
  requested: number;
  sent: number;
  /** Generated but not sent because their kind's cap was reached. */
  skipped: Record<CappedCost, number>;
  /** Expensive requests actually sent. */
  costly: Record<CappedCost, number>;
  elapsedMs: number;
  /** The time budget ran out before `requested` were sent. */
  outOfTime: boolean;
  byOperation: Record<string, Record<StatusClass, number>>;
  /** Time spent waiting for answers, per operation (where a slow run's time went). */
  timeByOperation: Record<string, { totalMs: number; maxMs: number }>;
  failures: FailureGroup[];
  warnings: WarningGroup[];
}

/** Generated values are drawn in batches; index i is always the same request for a seed. */
const BATCH = 250;

export const OFF_SPEC = 'off-spec';

function operationOf(request: FuzzRequest): string {
  return request.operationId ?? OFF_SPEC;
}

export function signatureOf(request: FuzzRequest, finding: Finding): string {
  return `${operationOf(request)} ${finding.kind} ${finding.status ?? '-'}`;
}

function statusClass(outcome: SendOutcome): StatusClass {
  if (outcome.kind !== 'response') return 'none';
  const status = outcome.response.status;
  return status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';
}

/** Requests in generation order for `seed`, skipping those over their cost cap. */
class RequestStream {
  private buffer: FuzzRequest[] = [];
  private bufferStart = 0;
  private nextIndex = 0;
  readonly costly: Record<CappedCost, number> = { argon2: 0, export: 0 };
  readonly skipped: Record<CappedCost, number> = { argon2: 0, export: 0 };

  constructor(
    private readonly arbitrary: fc.Arbitrary<FuzzRequest>,
    private readonly seed: number,
    private readonly caps: Record<CappedCost, number>,
  ) {}

  next(): { index: number; request: FuzzRequest } {
    for (;;) {
      const index = this.nextIndex++;
      if (index >= this.bufferStart + this.buffer.length) {
        this.bufferStart = index;
        this.buffer = fc.sample(this.arbitrary, {
          seed: this.seed,
          numRuns: BATCH,
          path: String(index),
        });
      }
      const request = this.buffer[index - this.bufferStart];
      if (request === undefined) throw new Error(`No request generated at index ${index}`);
      if (request.cost === 'cheap') return { index, request };
      if (this.costly[request.cost] >= this.caps[request.cost]) {
        this.skipped[request.cost]++;
        continue;
      }
      this.costly[request.cost]++;
      return { index, request };
    }
  }
}

/** The request at `path` (`index`, or `index:shrink:steps` from a report) for `seed`. */
export function requestAt(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  seed: number,
  path: string,
): FuzzRequest {
  const [request] = fc.sample(arbitrary, { seed, path, numRuns: 1 });
  if (request === undefined) throw new Error(`No request at path ${path} for seed ${seed}`);
  return request;
}

/**
 * Re-runs generation index `index` under fast-check's shrinking: smaller variants are sent
 * until none fails with the same signature, within `maxAttempts` requests and the deadline.
 */
async function shrinkFailure(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  target: FuzzTarget,
  group: FailureGroup,
  seed: number,
  maxAttempts: number,
  deadline: number,
): Promise<Pick<FailureGroup, 'minimal' | 'shrinkNote'>> {
  let attempts = 0;
  let last: { request: FuzzRequest; message: string } | undefined;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (request) => {
      if (attempts >= maxAttempts || Date.now() > deadline) return true;
      attempts++;
      const outcome = await target.send(request);
      const same = target
        .check(request, outcome)
        .failures.find((finding) => signatureOf(request, finding) === group.signature);
      if (same !== undefined) last = { request, message: same.message };
      return same === undefined;
    }),
    { seed, path: String(group.first.index), numRuns: 1 },
  );
  if (!details.failed || last === undefined || details.counterexamplePath === null) {
    return { shrinkNote: 'did not fail again when replayed (state-dependent or flaky)' };
  }
  return { minimal: { path: details.counterexamplePath, ...last, attempts } };
}

/**
 * Sends `options.requests` generated requests (fewer if the budget runs out) with bounded
 * concurrency, judges each, groups failures by operation, kind and status, then shrinks the
 * first example of each group. Deterministic in what it generates for a seed; the order in
 * which concurrent requests reach the server is not.
 */
export async function runFuzz(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  target: FuzzTarget,
  options: RunOptions,
): Promise<FuzzReport> {
  const started = Date.now();
  const deadline = started + options.budgetMs;
  const stream = new RequestStream(arbitrary, options.seed, options.costCaps);
  const byOperation: FuzzReport['byOperation'] = {};
  const timeByOperation: FuzzReport['timeByOperation'] = {};
  const failures = new Map<string, FailureGroup>();
  const warnings = new Map<string, WarningGroup>();
  let sent = 0;
  const progress = (): Progress => ({
    sent,
    target: options.requests,
    failures: [...failures.values()].reduce((sum, group) => sum + group.count, 0),
    elapsedMs: Date.now() - started,
  });
  const ticker = setInterval(
    () => options.onProgress?.(progress()),
    options.progressEveryMs ?? 2_000,
  );

  const record = (index: number, request: FuzzRequest, outcome: SendOutcome) => {
    const counts = (byOperation[operationOf(request)] ??= {
      '2xx': 0,
      '3xx': 0,
      '4xx': 0,
      '5xx': 0,
      none: 0,
    });
    counts[statusClass(outcome)]++;
    const time = (timeByOperation[operationOf(request)] ??= { totalMs: 0, maxMs: 0 });
    time.totalMs += outcome.durationMs;
    time.maxMs = Math.max(time.maxMs, outcome.durationMs);
    const result = target.check(request, outcome);
    for (const finding of result.failures) {
      const signature = signatureOf(request, finding);
      const group = failures.get(signature);
      if (group === undefined || index < group.first.index) {
        failures.set(signature, {
          signature,
          operation: operationOf(request),
          kind: finding.kind,
          status: finding.status,
          count: (group?.count ?? 0) + 1,
          first: { index, request, message: finding.message },
        });
      } else group.count++;
    }
    for (const finding of result.warnings) {
      const signature = signatureOf(request, finding);
      const group = warnings.get(signature) ?? { signature, count: 0, example: finding.message };
      group.count++;
      warnings.set(signature, group);
    }
  };

  const worker = async () => {
    while (sent < options.requests && Date.now() < deadline) {
      const { index, request } = stream.next();
      sent++;
      record(index, request, await target.send(request));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    clearInterval(ticker);
  }
  options.onProgress?.(progress());

  const groups = [...failures.values()].sort((a, b) => a.first.index - b.first.index);
  for (const group of groups.slice(0, options.shrink.maxFailures)) {
    if (Date.now() >= deadline) {
      group.shrinkNote = 'not shrunk: out of time';
      continue;
    }
    Object.assign(
      group,
      await shrinkFailure(
        arbitrary,
        target,
        group,
        options.seed,
        options.shrink.maxAttempts,
        deadline,
      ),
    );
  }
  for (const group of groups.slice(options.shrink.maxFailures)) {
    group.shrinkNote = `not shrunk: only the first ${options.shrink.maxFailures} distinct failures are`;
  }

  return {
    seed: options.seed,
    requested: options.requests,
    sent,
    skipped: stream.skipped,
    costly: stream.costly,
    elapsedMs: Date.now() - started,
    outOfTime: sent < options.requests,
    byOperation,
    timeByOperation,
    failures: groups,
    warnings: [...warnings.values()].sort((a, b) => a.signature.localeCompare(b.signature)),
  };
}
