import { Baseline1763920000000 } from './1763920000000-baseline';

/**
 * Every migration, oldest first. `npm run migration:generate -- <Name>` writes a new file
 * and adds it here; the schema-drift test fails if a migration is missing.
 */
export const MIGRATIONS = [Baseline1763920000000];
