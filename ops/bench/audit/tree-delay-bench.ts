/**
 * Checkpoint delay under a steady write load (issue #17): the real app (role `all`: outbox,
 * seal queue, sealer, tree checkpointer) on a fresh database, events written through
 * `AuditLogService.record` at BENCH_DELAY_RATE (50) per second for BENCH_DELAY_SECONDS (60).
 * Reports the delay from each event's seal to the first checkpoint covering it, p50 / p99 / max, against AUDIT_CHECKPOINT_MAX_DELAY_MS
 * (BENCH_DELAY_MAX_MS, default 10,000, the shipped default).
 *
 * `npx ts-node -P tsconfig.json --transpile-only ops/bench/audit/tree-delay-bench.ts`
 */
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../../../api/src/audit-log';
import { createHttpApp } from '../../../api/src/bootstrap/create-http-app';
import { resolveServices } from '../../dev-services/resolve-services';

const RATE = Number(process.env.BENCH_DELAY_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_DELAY_SECONDS ?? 60);
const MAX_DELAY_MS = Number(process.env.BENCH_DELAY_MAX_MS ?? 10_000);
const POLL_MS = 100;

type Log = (message: string) => void;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Writes events at a steady rate until `until`; returns how many. */
async function writeSteadily(dataSource: DataSource, audit: AuditLogService, until: number) {
  let written = 0;
  const started = Date.now();
  while (Date.now() < until) {
    // Catch up to the schedule (a slow commit must not lower the rate), one event per transaction.
    const due = Math.floor(((Date.now() - started) / 1000) * RATE);
    while (written < due) {
      await dataSource.transaction((manager) =>
        audit.record(manager, {
          action: 'bench.delay',
          actor: { type: 'system', id: null, display: 'bench' },
          target: { type: 'task', id: randomUUID() },
          outcome: 'success',
          context: { ip: '127.0.0.1', userAgent: 'bench', requestId: randomUUID() },
        }),
      );
      written += 1;
    }
    await sleep(1000 / RATE);
  }
  return written;
}

/**
 * Waits until a checkpoint covers all `total` events, then the delay of each from its seal
 * (audit_events.sealed_at, the sealing transaction's start) to the first checkpoint covering it
 * (audit_tree_checkpoints.created_at, the signing transaction's start; the file is written in
 * that transaction): both on the database's clock.
 */
async function delaysOf(dataSource: DataSource, total: number): Promise<number[]> {
  for (;;) {
    const [row]: { checkpoint: string | null }[] = await dataSource.query(
      'SELECT max(tree_size) AS checkpoint FROM audit_tree_checkpoints',
    );
    if (Number(row.checkpoint ?? 0) >= total) break;
    await sleep(POLL_MS);
  }
  const rows: { ms: number }[] = await dataSource.query(
    `SELECT extract(epoch FROM (
              SELECT min(c.created_at) FROM audit_tree_checkpoints c WHERE c.tree_size >= e.seq
            ) - e.sealed_at) * 1000 AS ms
       FROM audit_events e WHERE e.action = 'bench.delay' ORDER BY ms`,
  );
  return rows.map((r) => Number(r.ms));
}

export async function measureCheckpointDelay(
  serverUrl: string,
  redisUrl: string,
  log: Log,
): Promise<string> {
  const database = `tt_bench_delay_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-delay-'));
  const keyFile = join(dir, 'signing-key.pem');
  writeFileSync(
    keyFile,
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  Object.assign(process.env, {
    // Not `production`: that demands managed JWT keys; the bench generates throwaway ones.
    NODE_ENV: 'development',
    JWT_KEY_DIR: join(dir, 'jwt'),
    LOG_LEVEL: 'warn',
    AUDIT_SIGNING_KEY_FILE: keyFile,
  });
  const app = await createHttpApp({
    role: 'all',
    configOverrides: {
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: database,
      AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'),
      AUDIT_CHECKPOINT_MAX_DELAY_MS: String(MAX_DELAY_MS),
    },
  });
  try {
    await app.listen(0, '127.0.0.1');
    const dataSource = app.get(DataSource);
    log(`writing ${RATE} events/s for ${SECONDS} s, max delay ${MAX_DELAY_MS} ms`);
    const written = await writeSteadily(
      dataSource,
      app.get(AuditLogService),
      Date.now() + SECONDS * 1000,
    );
    const [{ sealed }]: { sealed: string }[] = await dataSource.query(
      'SELECT count(*) AS sealed FROM audit_events',
    );
    // Any other event the app sealed is a leaf too: wait for a checkpoint over all of them.
    const delays = await delaysOf(dataSource, Math.max(written, Number(sealed)));
    const fmt = (ms: number) => (ms / 1000).toFixed(2);
    return `Checkpoint delay under a steady write load: ${written.toLocaleString('en')} events written through the outbox at ${RATE}/s for ${SECONDS} s into the real app (role \`all\`), \`AUDIT_CHECKPOINT_MAX_DELAY_MS\` = ${MAX_DELAY_MS.toLocaleString('en')}; delay from an event's seal (\`sealed_at\`) to the first checkpoint covering it (\`created_at\`; the file is written in that transaction), both on the database clock.

| Seal → checkpoint | p50 | p99 | max | aim |
| --- | ---: | ---: | ---: | ---: |
| seconds | ${fmt(percentile(delays, 50))} | ${fmt(percentile(delays, 99))} | ${fmt(delays[delays.length - 1])} | ≤ ${fmt(MAX_DELAY_MS)} |
`;
  } finally {
    await app.close();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const log: Log = (message) => process.stderr.write(`[bench:audit-tree-delay] ${message}\n`);
  resolveServices({ log })
    .then(async (services) => {
      try {
        process.stdout.write(
          `${await measureCheckpointDelay(services.databaseUrl, services.redisUrl, log)}\n`,
        );
      } finally {
        await services.stop();
      }
    })
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
