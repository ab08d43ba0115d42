import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cosign,
  formatSignatureLine,
  parseNote,
  parseVkey,
  rootOfLeaves,
  leafHash,
  SIG_TYPE_COSIGNATURE_V1,
  signCheckpoint,
  vkey,
} from '../merkle';
import { parseAddCheckpoint } from './add-checkpoint-request';
import { requestCosignature, WitnessTarget, WitnessUnavailableError } from './witness-client';

/**
 * The log's side of add-checkpoint against a scripted peer on loopback: each test says what
 * the "witness" answers; the client's reading of it is what is tested.
 */
describe('requestCosignature', () => {
  const logKey = generateKeyPairSync('ed25519').privateKey;
  const witnessKey = generateKeyPairSync('ed25519').privateKey;
  const otherKey = generateKeyPairSync('ed25519').privateKey;
  const root = rootOfLeaves(['a', 'b', 'c'].map((x) => leafHash(x)));
  const checkpoint = signCheckpoint(
    { origin: 'log.test/a', size: 3, root, extensions: [] },
    logKey,
  );
  const body = parseNote(checkpoint).body;
  let server: Server;
  let target: WitnessTarget;
  interface Scripted {
    status: number;
    type?: string;
    body: string;
  }
  let answers: ((request: string) => Scripted)[];
  let requests: string[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        requests.push(text);
        const script = answers.shift();
        const answer: Scripted = script ? script(text) : { status: 500, body: 'no script\n' };
        res.writeHead(answer.status, { 'Content-Type': answer.type ?? 'text/plain' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    target = {
      url: `http://127.0.0.1:${port}/`,
      key: parseVkey(vkey('witness.test/w', witnessKey, SIG_TYPE_COSIGNATURE_V1)),
    };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers = [];
    requests = [];
  });

  const cosignedBy = (key = witnessKey, name = 'witness.test/w') =>
    formatSignatureLine(cosign(body, name, key, 1_700_000_000));
  const ask = (oldSize = 0) =>
    requestCosignature(target, {
      checkpoint,
      size: 3,
      oldSize,
      proof: (from) => Promise.resolve(from === 1 ? [leafHash('b'), leafHash('c')] : []),
      timeoutMs: 2000,
    });

  it('accepts a valid cosignature among other lines, ignoring unknown keys', async () => {
    answers.push(() => ({
      status: 200,
      body: cosignedBy(otherKey, 'other.test/w') + cosignedBy(),
    }));
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'cosigned', timestamp: 1_700_000_000 });
    expect(parseAddCheckpoint(requests[0])).toMatchObject({ oldSize: 0, proof: [] });
  });

  it('on 409 with the witness size, resends once with the proof from that size', async () => {
    answers.push(() => ({ status: 409, type: 'text/x.tlog.size', body: '1\n' }));
    answers.push(() => ({ status: 200, body: cosignedBy() }));
    expect((await ask(0)).kind).toBe('cosigned');
    expect(requests.map((r) => parseAddCheckpoint(r).oldSize)).toEqual([0, 1]);
    expect(parseAddCheckpoint(requests[1]).proof).toHaveLength(2);
  });

  it('refuses a 200 without a valid cosignature by the configured key', async () => {
    answers.push(() => ({ status: 200, body: cosignedBy(otherKey) }));
    expect(await ask()).toMatchObject({ kind: 'refused', status: 200 });
  });

  it('reports the witness holding a larger tree as a refusal, without a proof request', async () => {
    answers.push(() => ({ status: 409, type: 'text/x.tlog.size', body: '7\n' }));
    expect(await ask()).toMatchObject({ kind: 'refused', status: 409 });
    expect(requests).toHaveLength(1);
  });

  it('passes 422 and 403 through as refusals with the reason', async () => {
    answers.push(() => ({ status: 422, body: 'proof does not verify\n' }));
    expect(await ask()).toEqual({ kind: 'refused', status: 422, reason: 'proof does not verify' });
  });

  it('throws WitnessUnavailableError on a 5xx or an unreachable witness (retried later)', async () => {
    answers.push(() => ({ status: 503, body: 'busy\n' }));
    await expect(ask()).rejects.toBeInstanceOf(WitnessUnavailableError);
    const closed: WitnessTarget = { ...target, url: 'http://127.0.0.1:1' };
    await expect(
      requestCosignature(closed, {
        checkpoint,
        size: 3,
        oldSize: 0,
        proof: () => Promise.resolve([]),
        timeoutMs: 500,
      }),
    ).rejects.toBeInstanceOf(WitnessUnavailableError);
  });
});
