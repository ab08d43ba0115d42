import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { useServicesForCli } from '../dev-services/services-for-cli';

/**
 * The data source of the migration commands, on the database every CLI uses: DATABASE_URL when
 * set, else the one the running `npm start` uses (see services-for-cli.ts). Not yet initialised.
 */
export async function cliDataSource(applicationName: string): Promise<DataSource> {
  const source = await useServicesForCli({ database: true, redis: false });
  if (source) process.stderr.write(`${source}\n`);
  return new DataSource(
    typeormOptions({
      url: process.env.DATABASE_URL ?? '',
      poolSize: 2,
      connectTimeoutMs: 5000,
      applicationName,
    }),
  );
}
