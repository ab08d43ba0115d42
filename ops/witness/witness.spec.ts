import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkCosignature,
  formatAddCheckpoint,
  parseNote,
  parseVkey,
} from '../../api/src/audit-log';
import { Witness } from './witness';
import { loadWitnessKey } from './witness-key';
import { WitnessStateStore } from './witness-state';
import { TestLog } from './witness-test-log';

describe('Witness (c2sp.org/tlog-witness add-checkpoint)', () => {
  let dir: string;
  let log: TestLog;
  const witnessKey = generateKeyPairSync('ed25519').privateKey;

  function witnessAt(stateFile = join(dir, 'state.json')): Witness {
    return new Witness({
      name: 'witness.test/w1',
      privateKey: witnessKey,
      logs: [log.namedKey],
      state: new WitnessStateStore(stateFile),
      now: () => 1_700_000_000,
    });
  }

  function cosignedBy(witness: Witness, checkpoint: string, answerBody: string): number {
    const note = parseNote(checkpoint + answerBody);
    return checkCosignature(note, parseVkey(witness.vkey));
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'witness-'));
    log = new TestLog('tasktrackr.test/audit').append('a', 'b', 'c');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('co-signs a first checkpoint (old 0) with a cosignature/v1 line that verifies', async () => {
    const witness = witnessAt();
    const answer = await witness.addCheckpoint(await log.request(0));
    expect(answer).toMatchObject({ status: 200, contentType: 'text/plain; charset=utf-8' });
    expect(answer.body).toMatch(/^\u2014 witness\.test\/w1 \S+\n$/u);
    expect(cosignedBy(witness, log.checkpoint(), answer.body)).toBe(1_700_000_000);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as unknown;
    expect(state).toEqual({
      version: 1,
      logs: { [log.origin]: { size: 3, root: log.root().toString('base64') } },
    });
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('co-signs a grown tree with a consistency proof from its stored size, and the same one again', async () => {
    const witness = witnessAt();
    await witness.addCheckpoint(await log.request(0));
    log.append('d', 'e', 'f', 'g', 'h', 'i');
    const grown = await witness.addCheckpoint(await log.request(3));
    expect(grown.status).toBe(200);
    expect(cosignedBy(witness, log.checkpoint(), grown.body)).toBeGreaterThan(0);
    const again = await witness.addCheckpoint(await log.request(9));
    expect(again.status).toBe(200);
  });

  it("follows a log key rotation: with both vkeys, co-signs the new key's consistent checkpoint", async () => {
    const rotated = new TestLog(log.origin);
    const witness = new Witness({
      name: 'witness.test/w1',
      privateKey: witnessKey,
      logs: [log.namedKey, rotated.namedKey],
      state: new WitnessStateStore(join(dir, 'state.json')),
      now: () => 1_700_000_000,
    });
    expect((await witness.addCheckpoint(await log.request(0))).status).toBe(200);
    rotated.leaves = [...log.leaves];
    rotated.append('d', 'e');
    const grown = await witness.addCheckpoint(await rotated.request(3));
    expect(grown.status).toBe(200);
    expect(cosignedBy(witness, rotated.checkpoint(), grown.body)).toBe(1_700_000_000);
    // A third, unknown key of the same origin is still refused, naming the keys tried.
    const stranger = new TestLog(log.origin);
    stranger.leaves = [...rotated.leaves];
    stranger.append('f');
    const refused = await witness.addCheckpoint(await stranger.request(5));
    expect(refused.status).toBe(403);
    expect(refused.refusal).toContain(`no signature by ${log.origin}+`);
    // Without the new vkey the rotated log's checkpoint is refused (the old behaviour).
    const oldOnly = witnessAt(join(dir, 'old-only.json'));
    await oldOnly.addCheckpoint(await log.request(0));
    expect((await oldOnly.addCheckpoint(await rotated.request(3))).status).toBe(403);
  });

  it('answers 409 with its size (text/x.tlog.size) when old is not the stored size', async () => {
    const witness = witnessAt();
    await witness.addCheckpoint(await log.request(0));
    log.append('d');
    const answer = await witness.addCheckpoint(await log.request(0));
    expect(answer).toMatchObject({ status: 409, contentType: 'text/x.tlog.size', body: '3\n' });
  });

  it('refuses a consistency proof that does not verify (422) and keeps its state', async () => {
    const witness = witnessAt();
    await witness.addCheckpoint(await log.request(0));
    // The log rewrote leaf 1 and grew: the proof from 3 is computed over the forged tree.
    const forged = new TestLog(log.origin, log.privateKey).append('a', 'B', 'c', 'd', 'e');
    const answer = await witness.addCheckpoint(await forged.request(3));
    expect(answer.status).toBe(422);
    expect(answer.refusal).toMatch(/old root/);
    const stored = new WitnessStateStore(join(dir, 'state.json')).get(log.origin);
    expect(stored).toEqual({ size: 3, root: log.root().toString('base64') });
  });

  it('refuses another root at the same size (409) and a smaller tree (400)', async () => {
    const witness = witnessAt();
    await witness.addCheckpoint(await log.request(0));
    const forged = new TestLog(log.origin, log.privateKey).append('a', 'b', 'X');
    const sameSize = await witness.addCheckpoint(await forged.request(3));
    expect(sameSize.status).toBe(409);
    expect(sameSize.refusal).toMatch(/at size 3 has root/);
    const smaller = await witness.addCheckpoint(
      formatAddCheckpoint({ oldSize: 3, proof: [], checkpoint: log.checkpoint(2) }),
    );
    expect(smaller.status).toBe(400);
  });

  it('refuses a checkpoint not signed by the log key (403) and an unknown origin (404)', async () => {
    const witness = witnessAt();
    const impostor = new TestLog(log.origin).append('a', 'b', 'c');
    expect((await witness.addCheckpoint(await impostor.request(0))).status).toBe(403);
    const other = new TestLog('other.test/log').append('a');
    expect((await witness.addCheckpoint(await other.request(0))).status).toBe(404);
    expect(new WitnessStateStore(join(dir, 'state.json')).get(log.origin)).toBeUndefined();
  });

  it.each([
    ['no blank line', 'old 0\n'],
    ['a bad old line', 'old 01\n\nx\n'],
    ['a bad proof line', 'old 0\nnot-base64!\n\nx\n'],
    ['a note without signatures', 'old 0\n\norigin\n1\nAAAA\n'],
  ])('answers 400 to %s', async (_what, body) => {
    expect((await witnessAt().addCheckpoint(body)).status).toBe(400);
  });

  it('keeps its state across a restart (a new Witness over the same file)', async () => {
    await witnessAt().addCheckpoint(await log.request(0));
    const restarted = witnessAt();
    log.append('d');
    expect((await restarted.addCheckpoint(await log.request(0))).body).toBe('3\n');
    expect((await restarted.addCheckpoint(await log.request(3))).status).toBe(200);
  });

  it('handles concurrent requests one at a time: only one of two racing updates wins', async () => {
    const witness = witnessAt();
    await witness.addCheckpoint(await log.request(0));
    const small = await log.request(3);
    log.append('d', 'e');
    const big = await log.request(3);
    const answers = await Promise.all([witness.addCheckpoint(big), witness.addCheckpoint(small)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 409]);
    expect(new WitnessStateStore(join(dir, 'state.json')).get(log.origin)?.size).toBe(5);
  });

  it('refuses to start on a state file it cannot read', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"version":2}');
    expect(() => new WitnessStateStore(file)).toThrow(/not a version 1 state file/);
  });
});

describe('loadWitnessKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'witness-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key file with mode 0600 on first run and reads the same key back', () => {
    const file = join(dir, 'sub', 'key.pem');
    const first = loadWitnessKey(undefined, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadWitnessKey(undefined, file);
    expect(again.export({ type: 'pkcs8', format: 'der' })).toEqual(
      first.export({ type: 'pkcs8', format: 'der' }),
    );
  });

  it('refuses a key file others can read', () => {
    const file = join(dir, 'key.pem');
    loadWitnessKey(undefined, file);
    chmodSync(file, 0o644);
    expect(() => loadWitnessKey(undefined, file)).toThrow(/chmod 600/);
  });
});
