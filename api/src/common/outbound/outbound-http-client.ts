import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  checkUrlShape,
  resolveAllowedAddress,
  type OutboundPolicy,
  type PinnedAddress,
} from './outbound-url';

/** How much of a response body we keep (delivery logs show it; the rest is discarded). */
export const RESPONSE_BODY_PREFIX_BYTES = 1024;
/** Whole-request bound: DNS, connect, TLS, send and the first kilobyte of the answer. */
export const OUTBOUND_TIMEOUT_MS = 10_000;

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one attempt produced; `ok` only for a 2xx (a 3xx is never followed: a failure). */
export interface OutboundResult {
  ok: boolean;
  /** HTTP status, or null when no answer came (network error, timeout). */
  status: number | null;
  latencyMs: number;
  /** The first kilobyte of the response body, as UTF-8 text. */
  bodyPrefix: string;
  /** Why there was no answer, when there was none. */
  error: string | null;
}

/**
 * POSTs to URLs chosen by users, guarded against SSRF: the host is resolved and every address
 * checked (OutboundRefusedError otherwise), then the connection is pinned to the checked address
 * through a custom `lookup`, so a DNS answer that changes between check and connect cannot
 * redirect us. Redirects are never followed. One connection per request (no pooled socket to
 * an address checked under older rules).
 */
export class OutboundHttpClient {
  constructor(
    private readonly policy: OutboundPolicy,
    private readonly timeoutMs = OUTBOUND_TIMEOUT_MS,
  ) {}

  /** Throws OutboundRefusedError when the URL may never be called (no DNS involved). */
  checkUrl(url: string): void {
    checkUrlShape(url, this.policy);
  }

  /** Throws OutboundRefusedError when the URL may not be called now (DNS included). */
  async resolve(url: string): Promise<PinnedAddress> {
    return resolveAllowedAddress(checkUrlShape(url, this.policy), this.policy);
  }

  async post(input: OutboundRequest): Promise<OutboundResult> {
    const started = performance.now();
    const url = checkUrlShape(input.url, this.policy);
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const pinned = await resolveAllowedAddress(url, this.policy);
    const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
    try {
      const { status, bodyPrefix } = await this.exchange(url, pinned, input, deadline);
      return {
        ok: status >= 200 && status < 300,
        status,
        latencyMs: elapsed(),
        bodyPrefix,
        error: null,
      };
    } catch (error) {
      const message = deadline.aborted
        ? `no answer within ${this.timeoutMs} ms`
        : (error as Error).message || String(error);
      return { ok: false, status: null, latencyMs: elapsed(), bodyPrefix: '', error: message };
    }
  }

  private exchange(
    url: URL,
    pinned: PinnedAddress,
    input: OutboundRequest,
    signal: AbortSignal,
  ): Promise<{ status: number; bodyPrefix: string }> {
    // Every connection goes to the address we checked, whatever DNS answers now.
    const lookup: LookupFunction = (_host, options, callback) => {
      if (typeof options === 'object' && options.all) {
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
          pinned,
        ]);
      } else {
        callback(null, pinned.address, pinned.family);
      }
    };
    const body = Buffer.from(input.body, 'utf8');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...input.headers, 'content-length': String(body.length) },
          lookup,
          agent: false,
          signal,
        },
        (res) =>
          void readPrefix(res).then(
            (bodyPrefix) => resolve({ status: res.statusCode ?? 0, bodyPrefix }),
            reject,
          ),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** Reads up to RESPONSE_BODY_PREFIX_BYTES of the body, then drops the connection. */
function readPrefix(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      res.removeAllListeners('data');
      res.destroy();
      resolve(Buffer.concat(chunks).subarray(0, RESPONSE_BODY_PREFIX_BYTES).toString('utf8'));
    };
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= RESPONSE_BODY_PREFIX_BYTES) done();
    });
    res.on('end', done);
    res.on('error', reject);
  });
}
