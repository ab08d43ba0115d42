import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLogService } from '../../src/audit-log/audit-log.service';
import { AuditSealerService } from '../../src/audit-log/audit-sealer.service';
import { TreeCheckpointer } from '../../src/audit-log/tree/tree-checkpointer.service';
import { createDatabase, dropDatabase, uniqueName } from '../../../ops/db/test-database';
import { testEvent } from '../support/audit-helpers';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

export interface IsolatedAuditApp {
  app: TestApp;
  /** Its published checkpoint directory. */
  dir: string;
  /** Its database URL. */
  url: string;
  close(): Promise<void>;
}

/**
 * An app on its own database, queue prefix and checkpoint directory, for tests that tamper with
 * (or remove) what the audit log stores. It signs a tree checkpoint for its first sealed events,
 * then only when a test asks (`checkpointNow`): the max delay is an hour.
 */
export async function isolatedAuditApp(
  name: string,
  configOverrides: Record<string, string> = {},
): Promise<IsolatedAuditApp> {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName(`tt_${name}`);
  const url = await createDatabase(serverUrl, database);
  const dir = mkdtempSync(join(tmpdir(), `tt-${name}-checkpoints-`));
  const app = await startTestApp({
    role: 'all',
    configOverrides: {
      DATABASE_URL: url,
      QUEUE_PREFIX: database,
      AUDIT_CHECKPOINT_DIR: dir,
      AUDIT_CHECKPOINT_MAX_DELAY_MS: String(HOUR),
      ...configOverrides,
    },
  });
  return {
    app,
    dir,
    url,
    async close() {
      await app.close();
      await dropDatabase(serverUrl, database);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Records `count` test events in one transaction and seals them. */
export async function recordAndSeal(
  app: TestApp,
  count: number,
  action = 'test.tree',
): Promise<void> {
  await app.dataSource.transaction(async (manager) => {
    for (let i = 0; i < count; i += 1) {
      await app.app.get(AuditLogService).record(manager, testEvent(`${action}.${i}`));
    }
  });
  await app.app.get(AuditSealerService).drain();
}

/** A checkpoint attempt as if the max delay had passed. */
export function checkpointNow(app: TestApp) {
  return app.app.get(TreeCheckpointer).maybeCheckpoint(new Date(Date.now() + 2 * HOUR));
}
