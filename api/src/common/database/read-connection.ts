import type { Pool, PoolClient } from 'pg';

/** A pooled connection held for a long read (an export's COPY), wherever it was taken. */
export interface ReadConnection {
  client: PoolClient;
  /** `primary`, or the replica's label. */
  target: string;
  /** Gives the connection back; destroys it when given an error or `true` (its state is unknown). */
  release(destroy?: Error | boolean): void;
}

/** The label of reads served by the primary (in metrics and `ReadConnection.target`). */
export const PRIMARY_TARGET = 'primary';

/**
 * Checks out a connection of `pool`. While it is held, an error the server sends between two
 * queries (it went away) is kept rather than crashing the process, and the connection is then
 * destroyed on release instead of going back to the pool.
 */
export async function connectionOn(pool: Pool, target: string): Promise<ReadConnection> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  let released = false;
  return {
    client,
    target,
    release: (destroy?: Error | boolean) => {
      if (released) return;
      released = true;
      client.removeListener('error', onError);
      client.release(destroy || broken);
    },
  };
}
