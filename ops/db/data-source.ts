import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../api/src/database/typeorm-options';

/**
 * The data source the TypeORM CLI uses (`npm run migration:run|revert`). It reads
 * DATABASE_URL, defaulting to the local development database that `npm start` uses.
 */
export default new DataSource(
  typeormOptions({
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tasktrackr',
    poolSize: 2,
    connectTimeoutMs: 5000,
    applicationName: 'tasktrackr-migrations',
  }),
);
