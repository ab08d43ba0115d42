import { checkCheckpointConsistency } from './consistency-check';
import { proveEventInclusion } from './inclusion-check';
import { toBase64 } from './merkle-proof';
import type { CheckRun } from './proof-steps';
import { fakeLog } from './testing/fake-log';
import { logKey } from './testing/log-key';

function recorder() {
  const runs: CheckRun[] = [];
  return { runs, report: (run: CheckRun) => runs.push(run) };
}

describe('consistency between two checkpoints, checked in the browser', () => {
  it('passes for an honest log, reporting each step and rising progress', async () => {
    const log = await fakeLog(13, [5, 13]);
    const { runs, report } = recorder();
    const [newer, older] = log.checkpoints;
    const run = await checkCheckpointConsistency(log.api, older, newer, report);
    expect(run.verdict).toBe('pass');
    expect(run.message).toContain('the tree of 13 events extends the tree of 5 events');
    expect(run.steps.map((step) => step.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(run.percent).toBe(100);
    const percents = runs.map((r) => r.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(runs.some((r) => r.verdict === 'running' && r.percent > 50 && r.percent < 100)).toBe(
      true,
    );
    // Either order of choice checks the same thing.
    expect((await checkCheckpointConsistency(log.api, newer, older, () => {})).verdict).toBe(
      'pass',
    );
  });

  it('counts a one-event tree in the singular', async () => {
    const log = await fakeLog(3, [1, 3]);
    const run = await checkCheckpointConsistency(
      log.api,
      log.checkpoints[1],
      log.checkpoints[0],
      () => {},
    );
    expect(run.message).toContain('the tree of 3 events extends the tree of 1 event.');
  });

  it('fails when the server’s proof does not lead to the signed roots', async () => {
    const log = await fakeLog(13, [5, 13]);
    log.tampering.consistency = (body) => ({
      ...body,
      hashes: body.hashes.map((hash, i) => (i === 0 ? toBase64(new Uint8Array(32)) : hash)),
    });
    const run = await checkCheckpointConsistency(
      log.api,
      log.checkpoints[1],
      log.checkpoints[0],
      () => {},
    );
    expect(run.verdict).toBe('fail');
    expect(run.message).toMatch(/^Verification FAILED: consistency proof leads to/);
    expect(run.steps[3].state).toBe('failed');
  });

  it('fails when the server names roots other than the signed ones', async () => {
    const log = await fakeLog(13, [5, 13]);
    log.tampering.consistency = (body) => ({ ...body, fromRoot: toBase64(new Uint8Array(32)) });
    const run = await checkCheckpointConsistency(
      log.api,
      log.checkpoints[1],
      log.checkpoints[0],
      () => {},
    );
    expect(run.verdict).toBe('fail');
    expect(run.message).toContain('other roots than the signed checkpoints');
  });

  it('fails on a checkpoint not signed by the log key', async () => {
    const log = await fakeLog(13, [5, 13]);
    const forger = await logKey();
    const older = { ...log.checkpoints[1], vkey: forger.vkey };
    const run = await checkCheckpointConsistency(log.api, older, log.checkpoints[0], () => {});
    expect(run.verdict).toBe('fail');
    expect(run.steps[0].state).toBe('failed');
    expect(run.steps[0].detail).toContain('no signature by');
    expect(run.steps[2].state).toBe('pending');
  });

  it('says it could not check when the server refuses', async () => {
    const log = await fakeLog(13, [5, 13]);
    log.tampering.status = 422;
    const run = await checkCheckpointConsistency(
      log.api,
      log.checkpoints[1],
      log.checkpoints[0],
      () => {},
    );
    expect(run.verdict).toBe('error');
    expect(run.message).toBe('Could not check: Server says no');
  });
});

describe('inclusion of an event, proved in the browser', () => {
  it('passes for an event in the latest checkpoint', async () => {
    const log = await fakeLog(13, [13]);
    const run = await proveEventInclusion(log.api, log.events[6], () => {});
    expect(run.verdict).toBe('pass');
    expect(run.message).toContain('event #7 is leaf 6 of the signed checkpoint of 13 events');
    expect(run.steps.map((step) => step.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('fails when the event shown is not the one hashed into the chain', async () => {
    const log = await fakeLog(13, [13]);
    const edited = { ...log.events[2], action: 'task.deleted' };
    const run = await proveEventInclusion(log.api, edited, () => {});
    expect(run.verdict).toBe('fail');
    expect(run.steps[1].detail).toContain('not the stored');
  });

  it('fails when the server’s leaf hash or path is not this event’s', async () => {
    const log = await fakeLog(13, [13]);
    log.tampering.inclusion = (body) => ({ ...body, leafHash: toBase64(new Uint8Array(32)) });
    let run = await proveEventInclusion(log.api, log.events[2], () => {});
    expect(run.verdict).toBe('fail');
    expect(run.message).toContain('leaf hash');

    log.tampering.inclusion = (body) => ({ ...body, hashes: body.hashes.slice(1) });
    run = await proveEventInclusion(log.api, log.events[2], () => {});
    expect(run.verdict).toBe('fail');
    expect(run.message).toContain('shorter');
  });

  it('waits for a checkpoint that covers the event', async () => {
    const log = await fakeLog(13, [10]);
    const run = await proveEventInclusion(log.api, log.events[11], () => {});
    expect(run.verdict).toBe('error');
    expect(run.message).toContain('newer than the latest checkpoint (10 events)');
  });
});
