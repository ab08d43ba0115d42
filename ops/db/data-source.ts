import { cliDataSource } from './cli-data-source';

/**
 * The data source for the TypeORM CLI (`typeorm-ts-node-commonjs -d ops/db/data-source.ts`,
 * which `npm run migration:generate` runs): a promise, which the CLI awaits.
 */
export default cliDataSource('tasktrackr-migrations');
