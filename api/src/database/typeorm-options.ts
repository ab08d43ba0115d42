import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  connectTimeoutMs: number;
  applicationName: string;
}

/**
 * One definition of how we talk to Postgres, shared by the app and the migration CLI.
 * `synchronize` is never on: the schema changes only through migrations.
 */
export function typeormOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
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
      query_timeout: 30_000,
      idleTimeoutMillis: 30_000,
    },
  };
}
