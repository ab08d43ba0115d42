import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE_PATTERN = /^(\d{20})\.checkpoint$/;

/** Another checkpoint with different text is already published at this size. */
export class PublishConflictError extends Error {
  override readonly name = 'PublishConflictError';
}

export function checkpointFileName(size: number): string {
  return `${String(size).padStart(20, '0')}.checkpoint`;
}

/**
 * The published checkpoints: one file per checkpoint in AUDIT_CHECKPOINT_DIR, named by tree
 * size, never overwritten. A file is written to a temporary name and hard-linked into place,
 * so a reader never sees half a note and an existing file is never replaced (link fails).
 */
export class CheckpointPublisher {
  constructor(readonly directory: string) {}

  /** Publishes the note; `false` when the identical note was already there. */
  async publish(size: number, note: string): Promise<boolean> {
    await mkdir(this.directory, { recursive: true });
    const target = join(this.directory, checkpointFileName(size));
    const temp = join(this.directory, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    await writeFile(temp, note, { flag: 'wx', mode: 0o644, flush: true });
    try {
      await link(temp, target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = await readFile(target, 'utf8');
      if (existing !== note) {
        throw new PublishConflictError(`${target} already holds a different checkpoint`);
      }
      return false;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** The newest published checkpoint (largest tree size), or undefined when none is. */
  async latest(): Promise<{ size: number; text: string; file: string } | undefined> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let newest: string | undefined;
    for (const name of names) {
      // Zero-padded names sort like their sizes.
      if (FILE_PATTERN.test(name) && (newest === undefined || name > newest)) newest = name;
    }
    if (newest === undefined) return undefined;
    const file = join(this.directory, newest);
    return {
      size: Number(FILE_PATTERN.exec(newest)?.[1]),
      text: await readFile(file, 'utf8'),
      file,
    };
  }
}
