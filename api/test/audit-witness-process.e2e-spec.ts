import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCosignature, parseNote, parseVkey } from '../src/audit-log';
import { TestLog } from '../../ops/witness/witness-test-log';
import { WitnessProcess } from './support/witness-process';

/** The witness program itself (npm run audit:witness): HTTP, key file, state across restarts. */
// Each test may (re)start the witness program, compiled by ts-node on start.
jest.setTimeout(240_000);

describe('audit witness process', () => {
  let dir: string;
  let log: TestLog;
  let witness: WitnessProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'witness-e2e-'));
    log = new TestLog('tasktrackr.test/witness-process').append('a', 'b', 'c');
    witness = new WitnessProcess([
      '--log-vkey',
      log.vkey,
      '--name',
      'witness.test/e2e',
      '--key-file',
      join(dir, 'key.pem'),
      '--state-file',
      join(dir, 'state.json'),
    ]);
    await witness.start();
  });

  afterAll(async () => {
    await witness.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its key with mode 0600 and prints a cosignature/v1 vkey', () => {
    expect(statSync(join(dir, 'key.pem')).mode & 0o777).toBe(0o600);
    expect(parseVkey(witness.vkey)).toMatchObject({ name: 'witness.test/e2e', type: 0x04 });
  });

  it('co-signs over HTTP; the cosignature verifies with the printed vkey alone', async () => {
    const answer = await witness.addCheckpoint(await log.request(0));
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/plain/);
    const note = parseNote(log.checkpoint() + answer.body);
    expect(checkCosignature(note, parseVkey(witness.vkey))).toBeGreaterThan(1_600_000_000);
  });

  it('keeps its state and key across a restart', async () => {
    const vkey = witness.vkey;
    await witness.stop();
    await witness.start();
    expect(witness.vkey).toBe(vkey);
    log.append('d', 'e');
    const stale = await witness.addCheckpoint(await log.request(0));
    expect(stale).toMatchObject({ status: 409, type: 'text/x.tlog.size', body: '3\n' });
    expect((await witness.addCheckpoint(await log.request(3))).status).toBe(200);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {
      logs: Record<string, { size: number }>;
    };
    expect(state.logs[log.origin].size).toBe(5);
  });

  it('refuses a rewritten history loudly (422, logged with the request as evidence)', async () => {
    const forged = new TestLog(log.origin, log.privateKey).append('a', 'b', 'X', 'd', 'e', 'f');
    const answer = await witness.addCheckpoint(await forged.request(5));
    expect(answer.status).toBe(422);
    expect(witness.log).toMatch(/witness refused \(422\)/);
  });

  it('answers 404 to other paths and 405 to GET /add-checkpoint', async () => {
    expect((await fetch(`${witness.url}/nope`)).status).toBe(404);
    expect((await fetch(`${witness.url}/add-checkpoint`)).status).toBe(405);
  });
});
