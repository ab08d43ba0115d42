import type { ClientBase } from 'pg';

/** What a backup records about the data it holds, and a restore checks it got back. */
export interface DatabaseState {
  audit: {
    /** The last sealed event's seq (text: bigint), null when nothing is sealed. */
    lastSeq: string | null;
    /** Its chain hash. */
    lastHash: string | null;
    /** The latest signed tree checkpoint in the database, null when none was signed yet. */
    treeCheckpoint: { size: number; root: string; createdAt: string } | null;
  };
  /** The newest applied migration (typeorm_migrations), null when the schema is not migrated. */
  migrationHead: string | null;
}

async function tableExists(client: ClientBase, table: string): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [table],
  );
  return rows[0]?.exists ?? false;
}

/** Reads the state in the client's current transaction (the backup's exported snapshot). */
export async function readDatabaseState(client: ClientBase): Promise<DatabaseState> {
  const state: DatabaseState = {
    audit: { lastSeq: null, lastHash: null, treeCheckpoint: null },
    migrationHead: null,
  };
  if (await tableExists(client, 'audit_events')) {
    const { rows } = await client.query<{ seq: string; hash: string }>(
      'SELECT seq::text AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    state.audit.lastSeq = rows[0]?.seq ?? null;
    state.audit.lastHash = rows[0]?.hash ?? null;
  }
  if (await tableExists(client, 'audit_tree_checkpoints')) {
    const { rows } = await client.query<{ size: string; root: Buffer; created_at: Date }>(
      `SELECT tree_size::text AS size, root, created_at FROM audit_tree_checkpoints
        ORDER BY tree_size DESC LIMIT 1`,
    );
    const latest = rows[0];
    if (latest) {
      state.audit.treeCheckpoint = {
        size: Number(latest.size),
        // Base64, as in the checkpoint note and in audit:verify's messages.
        root: latest.root.toString('base64'),
        createdAt: latest.created_at.toISOString(),
      };
    }
  }
  if (await tableExists(client, 'typeorm_migrations')) {
    const { rows } = await client.query<{ name: string }>(
      'SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1',
    );
    state.migrationHead = rows[0]?.name ?? null;
  }
  return state;
}

/** Differences between what the manifest promises and what a database holds (empty: same). */
export function stateDifferences(expected: DatabaseState, actual: DatabaseState): string[] {
  const differences: string[] = [];
  const compare = (what: string, want: unknown, got: unknown) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      differences.push(
        `${what}: the manifest says ${JSON.stringify(want)}, the database has ${JSON.stringify(got)}`,
      );
    }
  };
  compare('last sealed audit seq', expected.audit.lastSeq, actual.audit.lastSeq);
  compare('its chain hash', expected.audit.lastHash, actual.audit.lastHash);
  compare('latest tree checkpoint', expected.audit.treeCheckpoint, actual.audit.treeCheckpoint);
  compare('migration head', expected.migrationHead, actual.migrationHead);
  return differences;
}
