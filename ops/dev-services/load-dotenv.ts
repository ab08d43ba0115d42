import { existsSync } from 'node:fs';

/**
 * Loads .env the way the API does, before services are resolved: a DATABASE_URL or REDIS_URL
 * written there counts as "set" and must win over the embedded default.
 */
export function loadDotenvLikeTheApi(): void {
  if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
}
