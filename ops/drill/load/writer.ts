import { classify } from '../http/classify';
import type { Router } from '../http/router';
import { type HttpAnswer, send } from '../http/send';
import type { PhaseStats } from '../phase-stats';
import type { WriteRecord } from '../records';

export interface WriteRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** Sent on every attempt of the write, so the server applies it at most once. */
  idempotencyKey?: string;
}

export interface WriterSettings {
  /** Per attempt; an attempt that reaches it is a hang. */
  requestTimeoutMs: number;
  /** No new attempt is started past this much time after the first one. */
  giveUpAfterMs: number;
}

const MAX_BACKOFF_MS = 2_000;

/**
 * Performs one logical write the way a well-behaved client does: each attempt bounded by a
 * timeout; connection errors, timeouts, 5xx, 429 and `idempotency-retry` retried with
 * exponential backoff (Retry-After honoured up to the cap), the same Idempotency-Key and body
 * each time; a refused connection retried at once on another instance. Records every attempt.
 */
export class Writer {
  constructor(
    private readonly router: Router,
    private readonly stats: PhaseStats,
    private readonly settings: WriterSettings,
  ) {}

  /** Resolves with the 2xx answer, or undefined when the write was given up. */
  async perform(
    record: WriteRecord,
    request: WriteRequest,
    bearer: string,
    requestIdPrefix: string,
  ): Promise<HttpAnswer | undefined> {
    const deadline = Date.now() + this.settings.giveUpAfterMs;
    let avoid: string | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const backend = this.router.pick(avoid);
      const startedAt = Date.now();
      record.attempts = attempt;
      const outcome = await send({
        method: request.method,
        url: `${backend.baseUrl}${request.path}`,
        headers: {
          authorization: `Bearer ${bearer}`,
          'x-request-id': `${requestIdPrefix}.${attempt}`,
          ...(request.idempotencyKey && { 'idempotency-key': request.idempotencyKey }),
        },
        body: request.body,
        timeoutMs: this.settings.requestTimeoutMs,
        agent: backend.agent,
      });
      const result = classify(outcome);
      this.stats.record({
        phase: this.stats.current,
        backend: backend.name,
        writeId: record.writeId,
        startedAt,
        endedAt: Date.now(),
        category: result.category,
        kind: result.kind,
        ...(result.status !== undefined && { status: result.status }),
        problemJson: result.problemJson,
      });
      if (result.category === 'ok' && outcome.kind === 'answer') return outcome.answer;
      if (!result.retryable || Date.now() >= deadline) return undefined;
      avoid = backend.name;
      if (result.category === 'refused') {
        // Nothing was sent: try another instance at once (briefly wait if all are gone).
        this.router.refused(backend);
        await sleep(Math.min(200, 20 * (attempt - 1)));
        continue;
      }
      const backoff = Math.min(MAX_BACKOFF_MS, 100 * 2 ** (attempt - 1));
      const asked = (result.retryAfterSeconds ?? 0) * 1000;
      const wait = Math.min(MAX_BACKOFF_MS, Math.max(backoff, asked)) * (0.75 + Math.random() / 2);
      await sleep(wait);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
