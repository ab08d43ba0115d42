import { AuditLogService } from '../src/audit-log/audit-log.service';
import { CheckpointSigner } from '../src/audit-log/chain/checkpoint-signer';
import {
  openCheckpoint,
  parseVkey,
  verifyConsistency,
  verifyInclusion,
} from '../src/audit-log/merkle';
import { TreeCheckpointer } from '../src/audit-log/tree/tree-checkpointer.service';
import { createUser, TestUser } from './support/auth-helpers';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

const b64 = (text: string): Buffer => Buffer.from(text, 'base64');

describe('audit Merkle tree over HTTP (e2e)', () => {
  let app: TestApp;
  let auditor: TestUser;
  let employee: TestUser;
  let eventIds: string[];
  const prefix = uniqueActionPrefix('tree-http');

  beforeAll(async () => {
    app = await startTestApp();
    [auditor, employee] = await Promise.all([
      createUser(app, { roles: ['auditor'] }),
      createUser(app, { roles: ['employee'] }),
    ]);
    await app.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 9; i += 1) {
        await app.app.get(AuditLogService).record(manager, testEvent(`${prefix}.${i}`));
      }
    });
    await waitForSealed(app.dataSource, prefix, 9);
    // As if the max delay had passed: the head gets a checkpoint now.
    await app.app.get(TreeCheckpointer).maybeCheckpoint(new Date(Date.now() + 3_600_000));
    const rows: { id: string }[] = await app.dataSource.query(
      'SELECT id FROM audit_events WHERE action LIKE $1 ORDER BY seq',
      [`${prefix}%`],
    );
    eventIds = rows.map((row) => row.id);
  });
  afterAll(() => app.close());

  it('serves the latest checkpoint, whose note verifies with its vkey and the public key', async () => {
    const { data, response } = await auditor.client.GET('/api/v1/audit/checkpoints/latest');
    expect(response.status).toBe(200);
    const key = parseVkey(data?.vkey ?? '');
    expect(key.publicKey.equals(app.app.get(CheckpointSigner).publicKey)).toBe(true);
    const checkpoint = openCheckpoint(data?.note ?? '', key);
    expect(checkpoint.size).toBe(data?.treeSize);
    expect(checkpoint.root.toString('base64')).toBe(data?.rootHash);
    const forbidden = await employee.client.GET('/api/v1/audit/checkpoints/latest');
    expect(forbidden.response.status).toBe(403);
  });

  it('pages the checkpoint history newest first', async () => {
    const { data, response } = await auditor.client.GET('/api/v1/audit/checkpoints', {
      params: { query: { limit: 1 } },
    });
    expect(response.status).toBe(200);
    expect(data?.items).toHaveLength(1);
    if (data?.nextCursor) {
      const next = await auditor.client.GET('/api/v1/audit/checkpoints', {
        params: { query: { limit: 1, cursor: data.nextCursor } },
      });
      expect(next.data?.items[0]?.treeSize).toBeLessThan(data.items[0].treeSize);
    }
  });

  it('proves every event into the checkpoint root', async () => {
    const { data: latest } = await auditor.client.GET('/api/v1/audit/checkpoints/latest');
    const root = b64(latest?.rootHash ?? '');
    for (const id of eventIds) {
      const { data, response } = await auditor.client.GET('/api/v1/audit/events/{id}/proof', {
        params: { path: { id } },
      });
      expect(response.status).toBe(200);
      expect(data?.treeSize).toBe(latest?.treeSize);
      expect(data?.rootHash).toBe(latest?.rootHash);
      const proof = (data?.hashes ?? []).map(b64);
      expect(
        verifyInclusion(
          b64(data?.leafHash ?? ''),
          data?.leafIndex ?? -1,
          data?.treeSize ?? 0,
          proof,
          root,
        ),
      ).toBe(true);
    }
  });

  it('answers problems for an unknown event, a size beyond the tree and an event outside it', async () => {
    const unknown = await auditor.client.GET('/api/v1/audit/events/{id}/proof', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(unknown.response.status).toBe(404);
    const beyond = await auditor.client.GET('/api/v1/audit/events/{id}/proof', {
      params: { path: { id: eventIds[0] }, query: { treeSize: '999999999' } },
    });
    expect(beyond.response.status).toBe(422);
    const [{ seq }]: { seq: string }[] = await app.dataSource.query(
      'SELECT seq FROM audit_events WHERE id = $1',
      [eventIds[8]],
    );
    const outside = await auditor.client.GET('/api/v1/audit/events/{id}/proof', {
      params: { path: { id: eventIds[8] }, query: { treeSize: String(Number(seq) - 1) } },
    });
    expect(outside.response.status).toBe(422);
    expect(outside.response.headers.get('content-type')).toContain('application/problem+json');
    const malformed = await auditor.client.GET('/api/v1/audit/events/{id}/proof', {
      params: { path: { id: eventIds[0] }, query: { treeSize: 'ten' } },
    });
    expect(malformed.response.status).toBe(400);
  });

  it('proves consistency between two sizes, and refuses bad ranges', async () => {
    const { data: latest } = await auditor.client.GET('/api/v1/audit/checkpoints/latest');
    const to = latest?.treeSize ?? 0;
    for (const from of [1, Math.max(1, to - 5), to]) {
      const { data, response } = await auditor.client.GET('/api/v1/audit/consistency', {
        params: { query: { from: String(from), to: String(to) } },
      });
      expect(response.status).toBe(200);
      expect(data?.toRoot).toBe(latest?.rootHash);
      expect(
        verifyConsistency(
          from,
          to,
          (data?.hashes ?? []).map(b64),
          b64(data?.fromRoot ?? ''),
          b64(latest?.rootHash ?? ''),
        ),
      ).toBe(true);
    }
    const reversed = await auditor.client.GET('/api/v1/audit/consistency', {
      params: { query: { from: String(to), to: '1' } },
    });
    expect(reversed.response.status).toBe(to > 1 ? 422 : 200);
    const beyond = await auditor.client.GET('/api/v1/audit/consistency', {
      params: { query: { from: '1', to: '999999999' } },
    });
    expect(beyond.response.status).toBe(422);
  });
});
