import 'reflect-metadata';
import { createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { verifyChain, keyIdOf, verifyExportFile } from '../../api/src/audit-log';
import type { AuditExportManifest } from '../../api/src/audit-log';
import {
  isPositiveBigintText,
  MAX_POSTGRES_BIGINT,
} from '../../api/src/common/validation/is-positive-bigint-text';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { exitWithFailure } from '../cli/cli-failure';
import { loadDotenvLikeTheApi } from '../dev-services/load-dotenv';
import { useServicesForCli } from '../dev-services/services-for-cli';

const USAGE = `Usage:
  npm run audit:verify -- [--from-seq N] [--to-seq N] [--public-key key.pem]
      Walks the sealed chain in DATABASE_URL and its signed checkpoints.
  npm run audit:verify -- --file export.jsonl --manifest export.json --public-key key.pem
      Verifies an export offline: export.json is the GET /api/v1/audit/exports/{id} answer
      (or {"manifest": …, "signature": …}); key.pem from GET /api/v1/audit/public-key.

Without --public-key the key is derived from AUDIT_SIGNING_KEY / AUDIT_SIGNING_KEY_FILE.
Prints {ok, checked, firstBadSeq?, reason?} as JSON; exits 0 when ok, 1 when not, 2 on misuse.`;

function publicKeyFrom(path: string | undefined): KeyObject {
  if (path) return createPublicKey(readFileSync(path));
  const pem = process.env.AUDIT_SIGNING_KEY ?? '';
  const file = process.env.AUDIT_SIGNING_KEY_FILE ?? '.data/audit/signing-key.pem';
  // createPublicKey accepts a private key too and returns its public half.
  return createPublicKey(pem.trim() !== '' ? pem.replace(/\\n/g, '\n') : readFileSync(file));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'from-seq': { type: 'string' },
      'to-seq': { type: 'string' },
      'public-key': { type: 'string' },
      file: { type: 'string' },
      manifest: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenvLikeTheApi(); // the signing key's variables may be set there
  const publicKey = publicKeyFrom(values['public-key']);
  if (values.file || values.manifest) {
    if (!values.file || !values.manifest) throw new UsageError('--file and --manifest go together');
    const document = JSON.parse(readFileSync(values.manifest, 'utf8')) as {
      manifest: AuditExportManifest;
      signature: string;
    };
    const result = await verifyExportFile(
      values.file,
      document.manifest,
      document.signature,
      publicKey,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  }
  for (const name of ['from-seq', 'to-seq'] as const) {
    const value = values[name];
    if (value !== undefined && !isPositiveBigintText(value)) {
      throw new UsageError(`--${name} must be a whole number from 1 to ${MAX_POSTGRES_BIGINT}`);
    }
  }
  const source = await useServicesForCli({ database: true, redis: false });
  if (source) process.stderr.write(`${source}\n`);
  const dataSource = await new DataSource(
    typeormOptions({
      url: process.env.DATABASE_URL ?? '',
      poolSize: 2,
      connectTimeoutMs: 5000,
      applicationName: 'tasktrackr-audit-verify',
    }),
  ).initialize();
  try {
    const started = process.hrtime.bigint();
    const result = await verifyChain(
      dataSource,
      { publicKey, keyId: keyIdOf(publicKey) },
      { fromSeq: values['from-seq'], toSeq: values['to-seq'] },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stderr.write(
      `checked ${result.checked} events in ${seconds.toFixed(2)} s (${Math.round(result.checked / seconds)} events/s)\n`,
    );
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    exitWithFailure('audit:verify', error, 2);
  },
);
