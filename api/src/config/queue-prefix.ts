import { createHash } from 'node:crypto';

/**
 * The Redis prefix used when QUEUE_PREFIX is not set: `tt:` and a short hash of the database's
 * `host:port/name`. Two instances on different databases that share one Redis then keep their
 * queues, rate-limit counters and pub/sub channels apart, while replicas of one instance (same
 * database) share them as they must. Credentials and options do not count: the same database
 * reached as another user is still the same instance.
 */
export function defaultQueuePrefix(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.hostname.toLowerCase();
  const port = url.port || '5432';
  // libpq's default database is the user's name.
  const name =
    decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username);
  const hash = createHash('sha256').update(`${host}:${port}/${name}`).digest('hex');
  return `tt:${hash.slice(0, 10)}`;
}
