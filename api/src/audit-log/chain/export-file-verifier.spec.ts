import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditExportManifest } from '../entities/audit-export.entity';
import { LeafNodeReader } from '../event-leaves';
import { eventLeafHash, inclusionProof, rootOfLeaves, signCheckpoint } from '../merkle';
import { canonicalJson } from './canonical-json';
import { eventHash, GENESIS_HASH, HashedEventFields } from './event-hash';
import { verifyExportFile } from './export-file-verifier';
import { keyIdOf } from './trusted-keys';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const SIZE = 5;

function fieldsOf(seq: number): HashedEventFields {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq: String(seq),
    occurredAt: '2026-01-01T00:00:00.000Z',
    actor: { type: 'user', id: 'u', display: 'u@example.com' },
    action: 'task.updated',
    target: { type: 'task', id: `t${seq}` },
    changes: null,
    outcome: 'success',
    ip: null,
    userAgent: null,
    requestId: null,
  };
}

describe('verifyExportFile with a tree checkpoint in the manifest', () => {
  let dir: string;
  let file: string;
  let manifest: AuditExportManifest;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-verify-'));
    file = join(dir, 'export.jsonl');
    let prevHash = GENESIS_HASH;
    const lines: string[] = [];
    const hashes: string[] = [];
    for (let seq = 1; seq <= SIZE; seq += 1) {
      const hash = eventHash(prevHash, fieldsOf(seq));
      lines.push(`${JSON.stringify({ ...fieldsOf(seq), prevHash, hash })}\n`);
      hashes.push(hash);
      prevHash = hash;
    }
    // The export holds seqs 2..4 of a tree of 5.
    const text = lines.slice(1, 4).join('');
    writeFileSync(file, text);
    const leaves = Array.from({ length: SIZE }, (_, i) => eventLeafHash(fieldsOf(i + 1)));
    const reader = new LeafNodeReader(Buffer.concat(leaves));
    const proofOf = async (seq: number) => ({
      seq: String(seq),
      leafIndex: seq - 1,
      proof: (await inclusionProof(reader, seq - 1, SIZE)).map((h) => h.toString('base64')),
    });
    manifest = {
      exportId: 'e',
      format: 'jsonl',
      filters: {},
      upToSeq: String(SIZE),
      count: 3,
      firstSeq: '2',
      lastSeq: '4',
      firstHash: hashes[1],
      lastHash: hashes[3],
      fileSha256: createHash('sha256').update(text).digest('hex'),
      createdAt: '2026-01-01T00:00:00.000Z',
      keyId: 'k',
      treeCheckpoint: {
        note: signCheckpoint(
          { origin: 'test/audit', size: SIZE, root: rootOfLeaves(leaves), extensions: [] },
          privateKey,
        ),
        treeSize: SIZE,
        first: await proofOf(2),
        last: await proofOf(4),
      },
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const signed = (document: AuditExportManifest) =>
    sign(null, Buffer.from(canonicalJson(document)), privateKey).toString('base64');

  it('accepts the proofs of the first and last events, and a manifest without them', async () => {
    expect(await verifyExportFile(file, manifest, signed(manifest), publicKey)).toMatchObject({
      ok: true,
      checked: 3,
    });
    const old = { ...manifest, treeCheckpoint: undefined };
    expect(await verifyExportFile(file, old, signed(old), publicKey)).toMatchObject({
      ok: true,
      checked: 3,
    });
  });

  it('rejects a proof that does not lead to the signed root', async () => {
    const tree = manifest.treeCheckpoint as NonNullable<AuditExportManifest['treeCheckpoint']>;
    const bad = {
      ...manifest,
      treeCheckpoint: { ...tree, last: { ...tree.last, proof: [...tree.first.proof] } },
    };
    const result = await verifyExportFile(file, bad, signed(bad), publicKey);
    expect(result).toMatchObject({ ok: false });
    expect(result.reason).toMatch(/^an exported event is not in the manifest's checkpoint: /);
  });

  it('after a key rotation: an export signed by the retired key verifies with it in the list', async () => {
    const current = generateKeyPairSync('ed25519').publicKey;
    const byOld = { ...manifest, keyId: keyIdOf(publicKey) };
    const rotated = await verifyExportFile(file, byOld, signed(byOld), [current, publicKey]);
    expect(rotated).toEqual({
      ok: true,
      checked: 3,
      signedBy: { manifest: keyIdOf(publicKey), treeCheckpoint: keyIdOf(publicKey) },
    });
    const unknown = await verifyExportFile(file, byOld, signed(byOld), [current]);
    expect(unknown).toEqual({
      ok: false,
      checked: 0,
      reason: `the manifest is signed by unknown key ${keyIdOf(publicKey)}`,
    });
  });
});
