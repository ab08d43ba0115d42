import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditSealerService } from '../src/audit-log/audit-sealer.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import { CheckpointSigner } from '../src/audit-log/chain/checkpoint-signer';
import { checkpointNow, isolatedAuditApp, recordAndSeal } from './audit/isolated-audit-app';
import { deleteNewest, editEvent, rollBackTo } from './audit/tamper';
import { runAuditVerify } from './support/audit-cli';
import { createUser, TestUser } from './support/auth-helpers';
import { TestApp } from './support/test-app';

const ORIGIN = 'tasktrackr.test/audit-verify';
const ROOT = join(__dirname, '..', '..');

interface Ctx {
  app: TestApp;
  dir: string;
  url: string;
  keyFile: string;
  auditor: TestUser;
  close(): Promise<void>;
}

/** An isolated app (see isolatedAuditApp), its public key in a file and an auditor. */
async function isolatedApp(): Promise<Ctx> {
  const isolated = await isolatedAuditApp('verify', { AUDIT_LOG_ORIGIN: ORIGIN });
  const { app } = isolated;
  const keyDir = mkdtempSync(join(tmpdir(), 'tt-verify-key-'));
  const keyFile = join(keyDir, 'audit-key.pem');
  writeFileSync(keyFile, app.app.get(CheckpointSigner).publicKeyPem);
  const auditor = await createUser(app, { roles: ['auditor'] });
  return {
    ...isolated,
    keyFile,
    auditor,
    async close() {
      await isolated.close();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** Seals what is pending and signs a checkpoint as if the max delay had passed; its size. */
async function sealAndCheckpoint(ctx: Ctx): Promise<number> {
  await ctx.app.app.get(AuditSealerService).drain();
  const outcome = await checkpointNow(ctx.app);
  expect(['signed', 'up-to-date']).toContain(outcome.status);
  return (outcome as { size: number }).size;
}

function checkpointFile(ctx: Ctx, size: number): string {
  const name = `${String(size).padStart(20, '0')}.checkpoint`;
  expect(readdirSync(ctx.dir)).toContain(name);
  return join(ctx.dir, name);
}

function publishedCount(ctx: Ctx): number {
  return readdirSync(ctx.dir).filter((name) => name.endsWith('.checkpoint')).length;
}

function cli(ctx: Ctx, args: string[]) {
  return runAuditVerify(['--public-key', ctx.keyFile, ...args], {
    DATABASE_URL: ctx.url,
    AUDIT_CHECKPOINT_DIR: ctx.dir,
  });
}

/** The API route, as an auditor calls it. */
async function httpVerify(ctx: Ctx): Promise<Record<string, unknown>> {
  const { data, response } = await ctx.auditor.client.GET('/api/v1/audit/verify', {});
  expect(response.status).toBe(200);
  return data as unknown as Record<string, unknown>;
}

async function eventIdAt(ctx: Ctx, seq: number): Promise<string> {
  const [row]: { id: string }[] = await ctx.app.dataSource.query(
    'SELECT id::text AS id FROM audit_events WHERE seq = $1',
    [seq],
  );
  return row.id;
}

/** python3 with `cryptography`, or why not. */
function pythonMissing(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import cryptography'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not available (${probe.error.message})`;
  if (probe.status !== 0) return `python3 has no cryptography package: ${probe.stderr.trim()}`;
  return undefined;
}

// Each test runs the CLI under ts-node one to three times: slow on a busy machine.
jest.setTimeout(300_000);

describe('audit verify against published checkpoints (e2e)', () => {
  let ctx: Ctx;
  let first: number;
  beforeEach(async () => {
    ctx = await isolatedApp();
    await recordAndSeal(ctx.app, 10);
    first = await sealAndCheckpoint(ctx);
  });
  afterEach(() => ctx.close());

  it('an intact log verifies (API, CLI, --checkpoint, --event, --since), and Python checks a proof', async () => {
    const verifier = ctx.app.app.get(AuditVerifierService);
    expect(await verifier.verify()).toMatchObject({
      ok: true,
      checkpointsChecked: publishedCount(ctx),
    });
    await recordAndSeal(ctx.app, 4);
    const second = await sealAndCheckpoint(ctx);
    expect(second).toBeGreaterThan(first);
    expect(await verifier.verify()).toMatchObject({
      ok: true,
      checkpointsChecked: publishedCount(ctx),
    });

    const whole = await cli(ctx, ['--checkpoint', checkpointFile(ctx, first)]);
    expect(whole).toMatchObject({
      code: 0,
      result: { ok: true, checkpointsChecked: publishedCount(ctx) + 1 },
    });

    const eventId = await eventIdAt(ctx, 3);
    const included = await cli(ctx, ['--event', eventId]);
    expect(included).toMatchObject({
      code: 0,
      result: { ok: true, seq: '3', leafIndex: 2, treeSize: second },
    });
    const consistent = await cli(ctx, ['--since', checkpointFile(ctx, first)]);
    expect(consistent).toMatchObject({
      code: 0,
      result: { ok: true, from: { size: first }, to: { size: second } },
    });

    const missing = pythonMissing();
    if (missing) {
      console.warn(`skipping the Python verifier: ${missing}`);
    } else {
      const { data } = await ctx.auditor.client.GET('/api/v1/audit/events', {
        params: { query: { limit: 500 } },
      });
      const event = data?.items.find((item) => item.id === eventId);
      expect(event).toBeDefined();
      const work = mkdtempSync(join(tmpdir(), 'tt-verify-python-'));
      try {
        writeFileSync(join(work, 'event.json'), JSON.stringify(event));
        // The API's proof answer; the CLI's --event output above has the same members.
        const proof = await ctx.auditor.client.GET('/api/v1/audit/events/{id}/proof', {
          params: { path: { id: eventId }, query: { treeSize: String(second) } },
        });
        expect(proof.response.status).toBe(200);
        expect(proof.data).toMatchObject({ leafIndex: 2, treeSize: second });
        expect(proof.data?.hashes).toEqual(included.result?.proof);
        writeFileSync(join(work, 'proof.json'), JSON.stringify(proof.data));
        const python = (eventFile: string) =>
          spawnSync(
            'python3',
            [
              join(ROOT, 'ops', 'audit', 'verify_proof.py'),
              '--event',
              eventFile,
              '--proof',
              join(work, 'proof.json'),
              '--checkpoint',
              checkpointFile(ctx, second),
              '--public-key',
              ctx.keyFile,
            ],
            { encoding: 'utf8' },
          );
        const good = python(join(work, 'event.json'));
        expect({ status: good.status, stdout: good.stdout.trim() }).toEqual({
          status: 0,
          stdout: `ok: event ${eventId} (seq 3) is in checkpoint ${second} of ${ORIGIN}`,
        });
        // The same proof with a changed event: the chain hash no longer matches.
        writeFileSync(
          join(work, 'edited.json'),
          JSON.stringify({
            ...event,
            outcome: event?.outcome === 'success' ? 'failure' : 'success',
          }),
        );
        const edited = python(join(work, 'edited.json'));
        expect(edited.status).toBe(1);
        expect(edited.stdout).toContain('FAILED: the hash of seq 3 does not match its content');
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }

    expect(await httpVerify(ctx)).toMatchObject({ ok: true });
  });

  it('an event edited with chain and tree recomputed: the checkpoint root names it', async () => {
    await editEvent(ctx.app.dataSource, 5, 'someone else');
    const expected = new RegExp(
      `^checkpoint ${first} \\(${checkpointFile(ctx, first)}\\) names root \\S+, the events give \\S+: an event at or before seq ${first}(, after seq \\d+ \\(checkpoint \\d+ still matches\\))? was altered$`,
    );
    const api = await ctx.app.app.get(AuditVerifierService).verify();
    expect(api).toMatchObject({ ok: false });
    expect(Number(api.firstBadSeq)).toBeLessThanOrEqual(5);
    expect(api.reason).toMatch(expected);
    const run = await cli(ctx, []);
    expect(run.code).toBe(1);
    expect(run.result).toMatchObject({ ok: false, reason: api.reason });
    const proof = await cli(ctx, ['--event', await eventIdAt(ctx, 5)]);
    expect(proof.code).toBe(1);
    expect(String(proof.result?.reason)).toMatch(/is not in checkpoint/);
    expect(await httpVerify(ctx)).toMatchObject({ ok: false, reason: api.reason });
  });

  it('the newest events deleted: the log is shorter than a published checkpoint', async () => {
    await deleteNewest(ctx.app.dataSource, 3);
    const reason = `the log has ${first - 3} events but checkpoint ${first} (${checkpointFile(ctx, first)}) was published: events were deleted or rolled back`;
    const api = await ctx.app.app.get(AuditVerifierService).verify();
    expect(api).toMatchObject({ ok: false, firstBadSeq: String(first - 2), reason });
    const run = await cli(ctx, []);
    expect(run).toMatchObject({ code: 1, result: { ok: false, reason } });
    expect(await httpVerify(ctx)).toMatchObject({ ok: false });
  });

  it('a rollback to an older state and re-sealing: the later checkpoint no longer matches', async () => {
    await recordAndSeal(ctx.app, 4);
    const second = await sealAndCheckpoint(ctx);
    await rollBackTo(ctx.app.dataSource, first);
    await recordAndSeal(ctx.app, 6);
    const api = await ctx.app.app.get(AuditVerifierService).verify();
    expect(api).toMatchObject({ ok: false, firstBadSeq: String(first + 1) });
    expect(api.reason).toContain(
      `an event at or before seq ${second}, after seq ${first} (checkpoint ${first} still matches) was altered`,
    );
    const run = await cli(ctx, []);
    expect(run).toMatchObject({ code: 1, result: { ok: false, reason: api.reason } });
    // An auditor who kept the later checkpoint: the log no longer extends it.
    const since = await cli(ctx, ['--since', checkpointFile(ctx, second)]);
    expect(since.code).toBe(1);
    expect(String(since.result?.reason)).toMatch(/does not extend checkpoint|was altered/);
    expect(await httpVerify(ctx)).toMatchObject({ ok: false });
  });
});
