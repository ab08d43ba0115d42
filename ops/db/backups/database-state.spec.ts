import { stateDifferences, type DatabaseState } from './database-state';
import { manifestPathFor } from './manifest';

const state: DatabaseState = {
  audit: {
    lastSeq: '42',
    lastHash: 'ab'.repeat(32),
    treeCheckpoint: { size: 40, root: 'cm9vdA==', createdAt: '2026-11-30T05:00:00.000Z' },
  },
  migrationHead: 'AuditCheckpointCosignatures1796100000000',
};

describe('restore checks the restored database against the manifest', () => {
  it('finds nothing when they agree, and names each difference when not', () => {
    expect(stateDifferences(state, structuredClone(state))).toEqual([]);
    const behind = structuredClone(state);
    behind.audit.lastSeq = '41';
    behind.audit.treeCheckpoint = null;
    expect(stateDifferences(state, behind)).toEqual([
      'last sealed audit seq: the manifest says "42", the database has "41"',
      `latest tree checkpoint: the manifest says ${JSON.stringify(state.audit.treeCheckpoint)}, the database has null`,
    ]);
  });

  it('finds the manifest beside the dump', () => {
    expect(manifestPathFor('/b/app-20261130T054112Z.dump')).toBe(
      '/b/app-20261130T054112Z.manifest.json',
    );
  });
});
