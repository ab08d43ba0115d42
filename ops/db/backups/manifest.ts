import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { BackupError } from './backup-error';

export const MANIFEST_FORMAT = 'tasktrackr-backup/1';

const checkpointSchema = z.object({
  size: z.number().int().nonnegative(),
  root: z.string(),
  createdAt: z.string(),
});

/** `<name>.manifest.json`, written beside `<name>.dump` (docs/operations.md lists the fields). */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  /** When the dump's snapshot was taken: the data is as of this instant. */
  createdAt: z.string(),
  database: z.string(),
  server: z.object({ version: z.string(), versionNum: z.number().int() }),
  pgDump: z.object({ path: z.string(), version: z.string(), major: z.number().int() }),
  dump: z.object({
    file: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  audit: z.object({
    lastSeq: z.string().nullable(),
    lastHash: z.string().nullable(),
    treeCheckpoint: checkpointSchema.nullable(),
  }),
  migrationHead: z.string().nullable(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** `x/name.dump` → `x/name.manifest.json`. */
export function manifestPathFor(dumpPath: string): string {
  return join(dirname(dumpPath), `${basename(dumpPath).replace(/\.dump$/, '')}.manifest.json`);
}

export function readManifest(path: string): BackupManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BackupError(
      `cannot read the manifest ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ` +
        'db:backup writes it beside the dump; pass --manifest FILE if it is elsewhere',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BackupError(`the manifest ${path} is not JSON: ${(error as Error).message}`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new BackupError(
      `the manifest ${path} is not a ${MANIFEST_FORMAT} manifest: ${problems.join('; ')}`,
    );
  }
  return result.data;
}
