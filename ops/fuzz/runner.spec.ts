import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { checkOutcome } from './checker';
import { HttpSender } from './http-client';
import { loadSpec } from './openapi';
import type { FuzzRequest } from './request-model';
import { requestAt, runFuzz, type FuzzTarget } from './runner';
import { SchemaValidators } from './schema-validators';

/**
 * The runner against a real HTTP server (node:http, in this process) that fails on purpose:
 * a 500 whenever `n` ≥ 500, plain JSON (not a problem) for a 404 when the word holds `!`.
 */
function startServer(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const n = Number(url.searchParams.get('n'));
    const word = url.searchParams.get('w') ?? '';
    if (n >= 500) {
      response.writeHead(500, { 'Content-Type': 'application/problem+json' });
      response.end(JSON.stringify({ type: 'about:blank', title: 'Oops', status: 500 }));
    } else if (word.includes('!')) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end('{"message":"not found"}');
    } else {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const arbitrary: fc.Arbitrary<FuzzRequest> = fc
  .record({ n: fc.nat({ max: 1000 }), word: fc.string({ maxLength: 8 }) })
  .map(({ n, word }) => ({
    operationId: null,
    method: 'GET',
    url: `/things?n=${n}&w=${encodeURIComponent(word)}`,
    headers: {},
    bodyEncoding: 'utf8',
    principal: 'anonymous',
    mutations: [],
    cost: n % 10 === 0 ? 'argon2' : 'cheap',
  }));

describe('runFuzz', () => {
  let server: Server;
  let sender: HttpSender;
  let target: FuzzTarget;
  const validators = new SchemaValidators(loadSpec());

  beforeAll(async () => {
    server = await startServer();
    sender = new HttpSender(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 4);
    target = {
      send: (request) => sender.send(request),
      check: (request, outcome) => checkOutcome(undefined, request, outcome, validators),
    };
  });
  afterAll(async () => {
    sender.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = {
    seed: 99,
    requests: 200,
    budgetMs: 60_000,
    concurrency: 4,
    costCaps: { argon2: 3, export: 0 },
    shrink: { maxFailures: 5, maxAttempts: 200 },
  };

  it('sends the requested number, counts by status class, groups failures and shrinks each', async () => {
    const report = await runFuzz(arbitrary, target, options);
    expect(report.sent).toBe(200);
    expect(report.outOfTime).toBe(false);
    const counts = report.byOperation['off-spec'];
    expect(counts).toBeDefined();
    expect((counts?.['2xx'] ?? 0) + (counts?.['4xx'] ?? 0) + (counts?.['5xx'] ?? 0)).toBe(200);

    const signatures = report.failures.map((group) => group.signature).sort();
    expect(signatures).toEqual(['off-spec not-problem 404', 'off-spec server-error 500']);
    const serverErrors = report.failures.find((group) => group.kind === 'server-error');
    expect(serverErrors?.count).toBe(counts?.['5xx']);
    // Shrinking lands on the smallest failing request: n = 500, no word.
    expect(serverErrors?.minimal?.request.url).toBe('/things?n=500&w=');
    // ...and its path replays exactly that request.
    const path = serverErrors?.minimal?.path ?? '';
    expect(requestAt(arbitrary, options.seed, path)).toEqual(serverErrors?.minimal?.request);
    const notProblem = report.failures.find((group) => group.kind === 'not-problem');
    expect(notProblem?.minimal?.request.url).toBe('/things?n=0&w=!');
  });

  it('caps expensive requests and skips the rest, deterministically', async () => {
    const first = await runFuzz(arbitrary, target, {
      ...options,
      shrink: { maxFailures: 0, maxAttempts: 0 },
    });
    const second = await runFuzz(arbitrary, target, {
      ...options,
      shrink: { maxFailures: 0, maxAttempts: 0 },
    });
    expect(first.costly.argon2).toBe(3);
    expect(first.skipped.argon2).toBeGreaterThan(0);
    expect(second.skipped).toEqual(first.skipped);
    expect(second.failures.map((g) => [g.signature, g.count, g.first.index])).toEqual(
      first.failures.map((g) => [g.signature, g.count, g.first.index]),
    );
  });

  it('stops when the time budget runs out, and says so', async () => {
    const report = await runFuzz(arbitrary, target, {
      ...options,
      requests: 1_000_000,
      budgetMs: 300,
    });
    expect(report.outOfTime).toBe(true);
    expect(report.sent).toBeGreaterThan(0);
    expect(report.sent).toBeLessThan(1_000_000);
  });
});
