import { join } from 'node:path';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres } from './embedded-postgres';
import { ensureDatabase } from './ensure-database';
import { DevServicesError } from './errors';
import type { ResolvedOptions } from './options';
import { formatEndpoint, probePostgres, type Endpoint } from './probe';
import { describeUrl, nothingToStop, type ResolvedService } from './resolved-service';

/**
 * DATABASE_URL if set; else a local PostgreSQL that answers (trust auth as `postgres`); else an
 * embedded one already running on its port (e.g. `npm run dev:services` elsewhere); else start
 * the embedded one.
 */
export async function resolvePostgres(options: ResolvedOptions): Promise<ResolvedService> {
  const { databaseName } = options;
  if (options.databaseUrl) {
    return {
      url: options.databaseUrl,
      note: `Postgres: using DATABASE_URL (${describeUrl(options.databaseUrl)})`,
      origin: 'DATABASE_URL',
      stop: nothingToStop,
    };
  }

  const local = options.localPostgres;
  if (local && (await probePostgres(local))) {
    const server = `postgres://postgres@${formatEndpoint(local)}`;
    const created = await ensureDatabase(
      `${server}/postgres`,
      databaseName,
      `The local PostgreSQL on ${formatEndpoint(local)}`,
    );
    return {
      url: `${server}/${databaseName}`,
      note: `Postgres: using the local server on ${formatEndpoint(local)}${createdNote(created, databaseName)}`,
      origin: 'local server',
      stop: nothingToStop,
    };
  }

  const embedded: Endpoint = { host: '127.0.0.1', port: options.embeddedPostgresPort };
  const server = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@${formatEndpoint(embedded)}`;
  const probed = local ? `nothing answers on ${formatEndpoint(local)}` : 'local probe off';
  if (await probePostgres(embedded)) {
    const created = await ensureDatabase(
      `${server}/postgres`,
      databaseName,
      `The PostgreSQL on ${formatEndpoint(embedded)} (the embedded server's port)`,
    );
    return {
      url: `${server}/${databaseName}`,
      note:
        `Postgres: ${probed}; using the embedded server already running on ` +
        `${formatEndpoint(embedded)} (not started here, left running)${createdNote(created, databaseName)}`,
      origin: 'embedded, already running',
      stop: nothingToStop,
    };
  }

  if (!options.startMissing) {
    throw new DevServicesError(
      `No PostgreSQL to use: DATABASE_URL is not set, ${probed}, and none runs on ` +
        `${formatEndpoint(embedded)} (the embedded port). Start the app first (\`npm start\` in ` +
        `another terminal), or set DATABASE_URL.`,
    );
  }
  const dataDir = join(options.dataDir, 'postgres');
  const started = await startEmbeddedPostgres(dataDir, embedded.port);
  try {
    await ensureDatabase(started.adminUrl, databaseName, `The embedded PostgreSQL`);
  } catch (error) {
    await started.stop();
    throw error;
  }
  const how = started.initialised ? 'initialised and started' : 'started';
  return {
    url: `${server}/${databaseName}`,
    note:
      `Postgres: ${probed}; ${how} embedded PostgreSQL on ${formatEndpoint(embedded)} ` +
      `in ${(started.startedInMs / 1000).toFixed(1)} s (data in ${dataDir})`,
    origin: 'embedded, started here',
    stop: async () => {
      await started.stop();
      options.log(`Postgres: stopped the embedded PostgreSQL on ${formatEndpoint(embedded)}`);
    },
  };
}

function createdNote(created: boolean, databaseName: string): string {
  return created ? ` (created database ${databaseName})` : '';
}
