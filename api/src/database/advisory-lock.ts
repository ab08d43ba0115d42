import type { DataSource } from 'typeorm';

export interface AdvisoryLockOptions {
  /** Called once if another process holds the lock and this one starts waiting. */
  onWait?: () => void;
  /** Pause between two attempts while another process holds the lock. */
  retryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while this process holds the advisory lock `key`, across as many transactions as
 * `work` opens on other pooled connections.
 *
 * The lock is transaction-scoped (`pg_try_advisory_xact_lock`), taken in a transaction of its own
 * that one connection keeps open until `work` ends. A session lock (`pg_advisory_lock`) would
 * be wrong behind PgBouncer in transaction pooling mode: the server connection that holds it
 * goes back to the pool after each statement, so another client could inherit the lock, and the
 * unlock could run on a server that does not hold it. An open transaction, by contrast, keeps
 * its server connection until it ends, directly or through PgBouncer alike.
 *
 * A waiter tries, rolls back and tries again rather than blocking inside a transaction, so
 * waiting processes never pin server connections the holder needs for `work` (behind a small
 * PgBouncer pool, blocked waiters could take every server connection and stall the holder).
 * The pool must allow two connections: one holds the lock while `work` runs on another.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: number,
  work: () => Promise<T>,
  options: AdvisoryLockOptions = {},
): Promise<T> {
  const holder = dataSource.createQueryRunner();
  await holder.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      await holder.startTransaction();
      const rows = (await holder.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        key,
      ])) as { locked: boolean }[];
      const locked = rows[0]?.locked === true;
      if (locked) break;
      await holder.rollbackTransaction();
      if (attempt === 0) options.onWait?.();
      await sleep(options.retryMs ?? 250);
    }
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await holder.rollbackTransaction().catch(() => undefined);
      throw error;
    }
    // Ending the transaction releases the lock. If it had already ended (the connection died,
    // or `idle_in_transaction_session_timeout` cut it), the lock did not hold for all of `work`.
    await holder.commitTransaction().catch((error: unknown) => {
      throw new Error(
        `advisory lock ${key} was lost before the work under it ended (its transaction failed: ${String(error)})`,
      );
    });
    return result;
  } finally {
    await holder.release();
  }
}
