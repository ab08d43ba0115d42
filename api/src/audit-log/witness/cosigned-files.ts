import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Env } from '../../config/env.schema';

/**
 * Publishes each cosignature next to the checkpoint files, append-only: a NEW file
 * `<size>.<witness key id>.cosigned` (beside `<size>.checkpoint`) holding the checkpoint note with the witness's line
 * added (a complete note any C2SP verifier reads). Created exclusively: a published file is
 * never rewritten; a retry that finds it already there leaves it alone.
 */
@Injectable()
export class CosignedFiles {
  private readonly dir: string;

  constructor(config: ConfigService<Env, true>) {
    this.dir = resolve(config.get('AUDIT_CHECKPOINT_DIR', { infer: true }));
  }

  /** Zero-padded like the checkpoint files (`<size>.checkpoint`), so both sort by size. */
  static fileName(size: number, witnessKeyId: string): string {
    return `${String(size).padStart(20, '0')}.${witnessKeyId}.cosigned`;
  }

  write(size: number, witnessKeyId: string, note: string, line: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    let fd: number;
    try {
      fd = openSync(join(this.dir, CosignedFiles.fileName(size, witnessKeyId)), 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return Promise.resolve();
      throw error;
    }
    try {
      writeSync(fd, `${note}${line}`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return Promise.resolve();
  }
}
