import { Client } from 'pg';
import { withDatabase } from '../test-database';
import { BackupError, EXIT } from './backup-error';

/** Databases a restore never writes over: the templates, and the one it connects through. */
const PROTECTED = new Set(['template0', 'template1', 'postgres']);

/** A database name restore accepts: anything Postgres accepts, except the protected ones. */
export function checkTargetName(name: string): void {
  if (name.length === 0 || Buffer.byteLength(name) > 63 || name.includes('\0')) {
    throw new BackupError('--database must be 1 to 63 bytes long');
  }
  if (PROTECTED.has(name))
    throw new BackupError(`refusing to restore into "${name}": pick another --database`);
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** User tables, views and sequences in `url`'s database: a restore's "not empty". */
async function userRelations(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
        ORDER BY 1`,
    );
    return rows.map((row) => row.name);
  });
}

export interface PreparedTarget {
  url: string;
  /** True when this restore created it (so a failed restore drops it again). */
  created: boolean;
}

/**
 * Makes `name` an empty database on `serverUrl`'s server: creates it (from template0, as
 * pg_restore expects) if missing; refuses one with tables unless `force`, which drops and
 * recreates it. Never forces other sessions off: a database in use is an error to act on.
 */
export async function prepareTarget(
  serverUrl: string,
  name: string,
  force: boolean,
  log: (line: string) => void,
): Promise<PreparedTarget> {
  checkTargetName(name);
  const adminUrl = withDatabase(serverUrl, 'postgres');
  const url = withDatabase(serverUrl, name);
  return withClient(adminUrl, async (admin) => {
    const quoted = admin.escapeIdentifier(name);
    const exists =
      (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists) {
      const relations = await userRelations(url);
      if (relations.length === 0) {
        log(`database ${name} exists and is empty: restoring into it`);
        return { url, created: false };
      }
      if (!force) {
        const shown = relations.slice(0, 5).join(', ') + (relations.length > 5 ? ', …' : '');
        throw new BackupError(
          `database ${name} is not empty (${relations.length} tables or views: ${shown}); ` +
            'restore refuses to write over it. Pass --force to drop and recreate it.',
          EXIT.refused,
        );
      }
      log(`--force: dropping database ${name} (${relations.length} tables or views)`);
      try {
        await admin.query(`DROP DATABASE ${quoted}`);
      } catch (error) {
        // object_in_use: other sessions are connected; we never force them off.
        if ((error as { code?: string }).code !== '55006') throw error;
        throw new BackupError(
          `database ${name} is in use by other sessions; stop what uses it (the API, workers, ` +
            'psql) and run the restore again',
        );
      }
    }
    await admin.query(`CREATE DATABASE ${quoted} TEMPLATE template0`);
    log(`created database ${name}`);
    return { url, created: true };
  });
}

export async function dropCreatedDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(withDatabase(serverUrl, 'postgres'), (admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)}`),
  );
}
