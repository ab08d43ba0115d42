/** A read replica as configured: its URL (which may hold a password) and a label safe to show. */
export interface ReplicaEndpoint {
  url: string;
  /** `host:port/database`: the metrics' `replica` label and readiness' key. Never credentials. */
  label: string;
}

/** The label of a Postgres URL: `host:port/database` (port 5432 and libpq's defaults filled in). */
export function replicaLabel(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || '5432';
  // libpq's default database is the user's name.
  const database =
    decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username);
  return `${parsed.hostname.toLowerCase()}:${port}/${database}`;
}

/** Endpoints of `DATABASE_REPLICA_URLS`; the same replica listed twice is used once. */
export function replicaEndpoints(urls: readonly string[]): ReplicaEndpoint[] {
  const byLabel = new Map<string, ReplicaEndpoint>();
  for (const url of urls) {
    const label = replicaLabel(url);
    if (!byLabel.has(label)) byLabel.set(label, { url, label });
  }
  return [...byLabel.values()];
}
