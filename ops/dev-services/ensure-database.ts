import { Client } from 'pg';
import { DevServicesError, describeError } from './errors';

const DUPLICATE_DATABASE = '42P04';

/**
 * Creates database `name` on the server `adminUrl` points at, unless it exists. Resolves whether
 * it created it. `where` names the server in the error people see when they can't connect.
 */
export async function ensureDatabase(
  adminUrl: string,
  name: string,
  where: string,
): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DevServicesError(
      `${where} answers, but connecting to it failed: ${describeError(error)}. ` +
        `Set DATABASE_URL to a connection string that works for it (postgres://user:password@host:port/${name}).`,
    );
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } catch (error) {
    // Another launcher may have created it between our check and our CREATE.
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false;
    throw error;
  } finally {
    await client.end();
  }
}
