import { validateHeaderName, validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import type { Fixtures } from './fixtures';
import { listOperations, loadSpec } from './openapi';
import { requestArbitrary } from './request-generator';
import type { FuzzRequest } from './request-model';
import { requestAt } from './runner';
import { SchemaValidators } from './schema-validators';

const document = loadSpec();
const operations = listOperations(document);
const validators = new SchemaValidators(document);

const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment({ sub: 'u', sid: 's', exp: 2e9 })}.c2ln`;
const TASK = '11111111-1111-4111-8111-111111111111';
/** What setup hands the generator, as plain data (no app needed to generate). */
const fixtures: Fixtures = {
  principals: [
    { name: 'employee', authorization: `Bearer ${jwt}`, via: 'session' },
    { name: 'admin', authorization: 'Bearer admin.jwt.x', via: 'session' },
    { name: 'employee-token', authorization: 'Bearer tt_employee', via: 'apiToken' },
  ],
  sampleJwt: jwt,
  credentials: [{ email: 'ann@example.com', password: 'violet-anchor-tangerine-42' }],
  ids: {
    tasks: [TASK],
    users: ['22222222-2222-4222-8222-222222222222'],
    victims: ['33333333-3333-4333-8333-333333333333'],
    sessions: [],
    tokens: [],
    exports: [],
  },
  cursors: [
    {
      operationId: 'listTasks',
      path: '/api/v1/tasks',
      query: [['limit', '1']],
      cursor: segment({ v: 1, f: 'fingerprint', k: ['2026-01-01T00:00:00.000Z', TASK] }),
    },
  ],
  refreshCookies: ['tt_refresh=spare'],
};
const arbitrary = requestArbitrary({ document, operations, fixtures, validators });
const SEED = 42;
const sample: FuzzRequest[] = fc.sample(arbitrary, { seed: SEED, numRuns: 3000 });

describe('requestArbitrary', () => {
  it('is deterministic for a seed, and index i replays alone (what --replay and shrinking use)', () => {
    const again = fc.sample(arbitrary, { seed: SEED, numRuns: 300 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(sample.slice(0, 300)));
    for (const index of [0, 7, 299, 2999]) {
      expect(requestAt(arbitrary, SEED, String(index))).toEqual(sample[index]);
    }
    let firstChecked: FuzzRequest | undefined;
    fc.check(
      fc.property(arbitrary, (request) => {
        firstChecked ??= request;
        return true;
      }),
      { seed: SEED, path: '1234', numRuns: 1 },
    );
    expect(firstChecked).toEqual(sample[1234]);
  });

  it('builds only requests Node can put on the wire', () => {
    for (const request of sample) {
      expect(request.url).toMatch(/^\/[\u0021-\u00ff]*$/);
      for (const [name, value] of Object.entries(request.headers)) {
        expect(() => validateHeaderName(name)).not.toThrow();
        expect(() => validateHeaderValue(name, value)).not.toThrow();
      }
    }
  });

  it('sends valid requests with schema-valid bodies, as their principal', () => {
    const valid = sample.filter((r) => r.mutations.length === 0 && r.operationId !== null);
    expect(valid.length).toBeGreaterThan(sample.length * 0.3);
    for (const request of valid) {
      const operation = operations.find((op) => op.operationId === request.operationId);
      const schema = operation?.requestBody?.schema;
      if (schema !== undefined && request.body !== undefined) {
        expect({
          id: request.operationId,
          errors: validators.errors(schema, JSON.parse(request.body)),
        }).toEqual({ id: request.operationId, errors: [] });
      }
      const principal = fixtures.principals.find((p) => p.name === request.principal);
      expect(request.headers.Authorization).toBe(principal?.authorization);
    }
  });

  it('covers every operation, off-spec requests, and real ids', () => {
    const seen = new Set(sample.map((r) => r.operationId ?? 'off-spec'));
    for (const operation of operations) expect(seen).toContain(operation.operationId);
    expect(seen).toContain('off-spec');
    expect(sample.some((r) => r.url.startsWith(`/api/v1/tasks/${TASK}`))).toBe(true);
    expect(sample.some((r) => r.url.includes('cursor=') && r.mutations.length === 0)).toBe(true);
  });

  it('mixes in the hostile corpus: every kind of mutation, NUL, surrogates, deep JSON, forged tokens', () => {
    const labels = new Set(sample.flatMap((r) => r.mutations.map((m) => m.split(' ')[0])));
    for (const label of [
      'authorization',
      'header',
      'path',
      'query',
      'cursor',
      'body',
      'content-type',
    ]) {
      expect(labels).toContain(label);
    }
    const bodies = sample.map((r) => r.body ?? '');
    expect(bodies.some((b) => b.includes('\\u0000'))).toBe(true);
    expect(bodies.some((b) => b.includes('\\ud800'))).toBe(true);
    expect(bodies.some((b) => b.includes('"__proto__"'))).toBe(true);
    expect(
      bodies.some((b) =>
        b.startsWith('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['),
      ),
    ).toBe(true);
    expect(sample.some((r) => r.principal === 'forged')).toBe(true);
    expect(sample.some((r) => r.url.includes('%ED%A0%80'))).toBe(true);
  });

  it('marks as argon2 work only schema-valid JSON bodies of the hashing operations', () => {
    const hashing = new Set(['login', 'register', 'createUser', 'changeMyPassword']);
    const argon2 = sample.filter((r) => r.cost === 'argon2');
    expect(argon2.length).toBeGreaterThan(10);
    for (const request of argon2) {
      expect(hashing).toContain(request.operationId);
      expect(() => JSON.parse(request.body ?? '') as unknown).not.toThrow();
    }
  });
});
