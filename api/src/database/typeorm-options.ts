import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

/**
 * Every entity file of the app, found by name rather than listed, so this building block
 * imports no feature: the migration CLI, the schema-drift test and the ops tools see every
 * entity a module declares. (The app itself registers each module's own entities through
 * `TypeOrmModule.forFeature` and `autoLoadEntities`.)
 */
export const ALL_ENTITY_FILES = join(__dirname, '..', '**', '*.entity.{ts,js}');

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  connectTimeoutMs: number;
  /** Client-side bound on one query (node-pg `query_timeout`); 30 s unless given. */
  queryTimeoutMs?: number;
  applicationName: string;
  /** Entity classes or globs; every entity file of the app by default. */
  entities?: DataSourceOptions['entities'];
}

/**
 * One definition of how we talk to Postgres, shared by the app and the migration CLI.
 * `synchronize` is never on: the schema changes only through migrations.
 */
export function typeormOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [ALL_ENTITY_FILES],
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName: settings.applicationName,
    connectTimeoutMS: settings.connectTimeoutMs,
    extra: {
      max: settings.poolSize,
      // Fail queries instead of hanging when Postgres stops answering.
      query_timeout: settings.queryTimeoutMs ?? 30_000,
      idleTimeoutMillis: 30_000,
    },
  };
}
