import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { checkResponse } from './response-checks';
import { emptyRawLoad, type RawLoad } from './summary';
import { LOOPBACK, type LoadSpec } from './protocol';

/** Called about once a second with what the window has recorded so far. */
export type OnTick = (elapsedS: number, raw: RawLoad) => void;

/**
 * One autocannon run of warm-up + window, without a pause in between (no reconnect, no drained
 * server queue), keeping every response's latency by status. autocannon's own histogram keeps
 * only 2xx latencies, and the flood's 503s are the point, so responses are recorded here.
 * Closed loop: each connection sends its next request as soon as the previous one is answered.
 */
export async function runLoad(spec: LoadSpec, onTick?: OnTick): Promise<RawLoad> {
  const raw = emptyRawLoad(spec.durationS);
  const startedAt = performance.now();
  const windowStart = startedAt + spec.warmupS * 1000;
  const inWindow = () => performance.now() >= windowStart;

  // Not an inline literal: the shared autocannon.d.ts (http-adapter) declares only the GET
  // options; autocannon itself takes `requests` with method, headers, body and onResponse.
  const options = {
    url: `http://${LOOPBACK}:${spec.port}`,
    connections: spec.connections,
    duration: spec.warmupS + spec.durationS,
    pipelining: 1,
    // Well above any latency a login can reach in the window: a timeout would hide one.
    timeout: 60,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        headers: spec.headers,
        body: spec.body,
        onResponse: (status: number, body: string, _context: unknown, headers: object) => {
          if (inWindow()) checkResponse(raw.checks, status, { ...headers }, body);
        },
      },
    ],
  };
  const instance = autocannon(options);
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (!inWindow()) return;
    (raw.latenciesByStatus[String(status)] ??= []).push(ms);
  });
  instance.on('reqError', (error: Error) => {
    if (!inWindow()) return;
    raw.errors += 1;
    if (error.message.includes('timed out')) raw.timeouts += 1;
  });
  const ticker = onTick
    ? setInterval(() => onTick((performance.now() - startedAt) / 1000, raw), 1000)
    : undefined;
  try {
    await instance;
  } finally {
    clearInterval(ticker);
  }
  // The window as it really was (autocannon's clock starts once its sockets are created).
  raw.windowS = (performance.now() - windowStart) / 1000;
  return raw;
}
