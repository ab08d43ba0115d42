import 'reflect-metadata';
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import {
  openEventRowStream,
  AUDIT_SEAL_LOCK,
  canonicalJson,
  checkpointPayload,
  keyIdOf,
  Col,
  EventRow,
  exportTransform,
} from '../../api/src/audit-log';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { exitWithFailure } from '../cli/cli-failure';
import { loadDotenvLikeTheApi } from '../dev-services/load-dotenv';
import { useServicesForCli } from '../dev-services/services-for-cli';

const USAGE = `Usage:
  npm run audit:retention -- [--before 2025-01-01T00:00:00Z] --archive-dir DIR --confirm
      Archives every sealed event that occurred before the date (a prefix of the chain, up to
      the first event at or after it) to DIR/audit-archive-<first>-<last>.jsonl plus a signed
      manifest, writes a signed "retention" checkpoint at the last archived seq, then deletes
      the archived events, all in one transaction, and records audit.retention.purged.
      Must run as the table owner (the app's role cannot delete audit events). Without
      --before it uses now - AUDIT_RETENTION_DAYS, and does nothing when that is 0 (the
      default). Without --confirm it only reports what it would do.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      'archive-dir': { type: 'string' },
      confirm: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values['archive-dir']) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  loadDotenvLikeTheApi(); // it may set the variables read below
  const days = Number(process.env.AUDIT_RETENTION_DAYS ?? '0');
  if (values.before === undefined && !(days > 0)) {
    process.stdout.write(`${JSON.stringify({ purged: 0, reason: 'retention is off' })}\n`);
    return 0;
  }
  const before = values.before ? new Date(values.before) : new Date(Date.now() - days * 86_400_000);
  if (Number.isNaN(before.getTime())) throw new Error('--before must be an ISO-8601 date');
  const pem = process.env.AUDIT_SIGNING_KEY ?? '';
  const privateKey = createPrivateKey(
    pem.trim() !== ''
      ? pem.replace(/\\n/g, '\n')
      : readFileSync(process.env.AUDIT_SIGNING_KEY_FILE ?? '.data/audit/signing-key.pem'),
  );
  const keyId = keyIdOf(createPublicKey(privateKey));
  const source = await useServicesForCli({ database: true, redis: false });
  if (source) process.stderr.write(`${source}\n`);
  const dataSource = await new DataSource(
    typeormOptions({
      url: process.env.DATABASE_URL ?? '',
      poolSize: 3,
      connectTimeoutMs: 5000,
      applicationName: 'tasktrackr-audit-retention',
    }),
  ).initialize();
  try {
    // The chain prefix before the first event at or after the date (seq order ≈ time order).
    const [range]: { first: string | null; last: string | null }[] = await dataSource.query(
      `SELECT min(seq)::text AS first,
              COALESCE((SELECT min(seq) - 1 FROM audit_events WHERE occurred_at >= $1),
                       max(seq))::text AS last
         FROM audit_events`,
      [before],
    );
    if (range.first === null || range.last === null || BigInt(range.last) < BigInt(range.first)) {
      process.stdout.write(`${JSON.stringify({ purged: 0 })}\n`);
      return 0;
    }
    const { first, last } = range as { first: string; last: string };
    if (!values.confirm) {
      process.stdout.write(`${JSON.stringify({ wouldPurge: { fromSeq: first, toSeq: last } })}\n`);
      return 0;
    }

    const dir = resolve(values['archive-dir']);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `audit-archive-${first}-${last}.jsonl`);
    const digest = createHash('sha256');
    let count = 0;
    let firstRow: EventRow | undefined;
    let lastRow: EventRow | undefined;
    const stream = await openEventRowStream(dataSource, ['seq <= $1'], [last]);
    try {
      await pipeline(
        stream.rows,
        exportTransform('jsonl', (row) => {
          count += 1;
          firstRow ??= row;
          lastRow = row;
        }),
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            digest.update(chunk);
            callback(null, chunk);
          },
        }),
        createWriteStream(file),
      );
    } finally {
      stream.release();
    }
    const manifest = {
      exportId: `retention-${first}-${last}`,
      format: 'jsonl',
      filters: {},
      upToSeq: last,
      count,
      firstSeq: firstRow?.[Col.Seq] ?? null,
      lastSeq: lastRow?.[Col.Seq] ?? null,
      firstHash: firstRow?.[Col.Hash] ?? null,
      lastHash: lastRow?.[Col.Hash] ?? null,
      fileSha256: digest.digest('hex'),
      createdAt: new Date().toISOString(),
      keyId,
    };
    const signature = sign(null, Buffer.from(canonicalJson(manifest)), privateKey).toString(
      'base64',
    );
    writeFileSync(`${file}.manifest.json`, JSON.stringify({ manifest, signature }, null, 2));

    await dataSource.transaction(async (manager) => {
      // No sealing while the chain's start moves.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
      const createdAt = new Date();
      const statement = { seq: last, hash: manifest.lastHash ?? '', createdAt, keyId };
      await manager.query(
        `INSERT INTO audit_checkpoints (seq, hash, created_at, key_id, signature, reason)
         VALUES ($1, $2, $3, $4, $5, 'retention') ON CONFLICT (seq) DO NOTHING`,
        [
          last,
          statement.hash,
          createdAt,
          keyId,
          sign(null, Buffer.from(checkpointPayload(statement)), privateKey).toString('base64'),
        ],
      );
      // Only the owner can do this; the trigger is back before the transaction commits.
      await manager.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await manager.query('DELETE FROM audit_events WHERE seq <= $1', [last]);
      await manager.query(
        'ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only',
      );
      await manager.query(
        `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type,
                                   target_id, changes, outcome)
         VALUES ('audit.retention.purged', 'system', NULL, 'audit:retention', 'audit_log', NULL,
                 $1, 'success')`,
        [
          JSON.stringify({
            purged: {
              after: {
                fromSeq: first,
                toSeq: last,
                count,
                before: before.toISOString(),
                archive: file,
              },
            },
          }),
        ],
      );
    });
    process.stdout.write(
      `${JSON.stringify({ purged: count, fromSeq: first, toSeq: last, archive: file })}\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => exitWithFailure('audit:retention', error, 2),
);
