import 'reflect-metadata';
import { createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { keyIdOf, parsePublicKeys, verifyChain, verifyExportFile } from '../../api/src/audit-log';
import type { AuditExportManifest, VerifyResult } from '../../api/src/audit-log';
import { proveEvent, proveSince, readCheckpointFile, UsageError } from './verify-proofs';
import {
  isPositiveBigintText,
  MAX_POSTGRES_BIGINT,
} from '../../api/src/common/validation/is-positive-bigint-text';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { exitWithFailure } from '../cli/cli-failure';
import { loadDotenvLikeTheApi } from '../dev-services/load-dotenv';
import { useServicesForCli } from '../dev-services/services-for-cli';

const USAGE = `Usage:
  npm run audit:verify -- [--from-seq N] [--to-seq N] [--public-key key.pem ...] [--checkpoint FILE]
      Walks the sealed chain in DATABASE_URL and its signed checkpoints, and rebuilds the
      Merkle tree from the events: its root at the size of every checkpoint note published in
      AUDIT_CHECKPOINT_DIR (and of --checkpoint FILE, one someone kept) must be the signed one.
  npm run audit:verify -- --event ID [--checkpoint FILE]
      Inclusion proof of event ID in the latest published checkpoint (or FILE), from the events.
  npm run audit:verify -- --since OLD [--checkpoint FILE]
      Consistency proof: the latest published checkpoint (or FILE; without either, the log as
      it is now) extends the older checkpoint OLD.
  npm run audit:verify -- --file export.jsonl --manifest export.json --public-key key.pem
      Verifies an export offline: export.json is the GET /api/v1/audit/exports/{id} answer
      (or {"manifest": …, "signature": …}); key.pem from GET /api/v1/audit/public-key.

Without --public-key the trusted keys are the public half of AUDIT_SIGNING_KEY /
AUDIT_SIGNING_KEY_FILE and the retired keys in AUDIT_PREVIOUS_PUBLIC_KEYS (a key rotation).
--public-key may be given more than once (the current and retired keys; a file may hold
several PEM keys): anything signed by one of them is accepted, and the output names the key id
that signed each checkpoint ("signedBy").
Prints the result as one JSON line ({ok, checked, firstBadSeq?, reason?, …}); progress goes to
stderr. Exits 0 when ok, 1 when verification fails, 2 on misuse or when it cannot run.`;

/** The trusted keys: the given files, else the signing key's public half and retired keys. */
function trustedKeysFrom(paths: string[] | undefined): KeyObject[] {
  if (paths && paths.length > 0) {
    return paths.flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      // createPublicKey accepts a private key too and returns its public half.
      return /PRIVATE KEY/.test(text) ? [createPublicKey(text)] : parsePublicKeys(text);
    });
  }
  const pem = process.env.AUDIT_SIGNING_KEY ?? '';
  const file = process.env.AUDIT_SIGNING_KEY_FILE ?? '.data/audit/signing-key.pem';
  const current = createPublicKey(
    pem.trim() !== '' ? pem.replace(/\\n/g, '\n') : readFileSync(file),
  );
  return [current, ...parsePublicKeys(process.env.AUDIT_PREVIOUS_PUBLIC_KEYS ?? '')];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'from-seq': { type: 'string' },
      'to-seq': { type: 'string' },
      'public-key': { type: 'string', multiple: true },
      file: { type: 'string' },
      manifest: { type: 'string' },
      checkpoint: { type: 'string' },
      event: { type: 'string' },
      since: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenvLikeTheApi(); // the signing key's variables may be set there
  const publicKey = trustedKeysFrom(values['public-key']);
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
  if (values.event && values.since) throw new UsageError('--event and --since are separate runs');
  // A kept checkpoint that is damaged or forged fails verification (exit 1), not the run.
  const checkpointDir = process.env.AUDIT_CHECKPOINT_DIR ?? '.data/audit/checkpoints';
  const kept = values.checkpoint ? readCheckpointFile(values.checkpoint, publicKey) : undefined;
  if (kept && 'ok' in kept) return report(kept);
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
    const progress = (done: number) => process.stderr.write(`… ${done} events\n`);
    const proofInput = { dataSource, publicKey, checkpointDir, kept, onProgress: progress };
    if (values.event) return report(await proveEvent({ ...proofInput, eventId: values.event }));
    if (values.since) return report(await proveSince({ ...proofInput, oldFile: values.since }));
    const [current, ...previousPublicKeys] = publicKey;
    const result = await verifyChain(
      dataSource,
      { publicKey: current, keyId: keyIdOf(current), previousPublicKeys },
      { fromSeq: values['from-seq'], toSeq: values['to-seq'] },
      { checkpointDir, checkpoints: kept ? [kept] : [], onProgress: progress },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stderr.write(
      `checked ${result.checked} events in ${seconds.toFixed(2)} s (${Math.round(result.checked / seconds)} events/s)\n`,
    );
    return report(result);
  } finally {
    await dataSource.destroy();
  }
}

function report(result: Pick<VerifyResult, 'ok'>): number {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

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
