import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the witness remembers per log origin: the latest checkpoint it co-signed. */
export interface LogState {
  size: number;
  /** Base64 root hash at that size. */
  root: string;
}

interface StateFile {
  version: 1;
  logs: Record<string, LogState>;
}

/**
 * The witness's state on disk (JSON). Every save is atomic and durable: a temp file is
 * written and fsynced, renamed over the old one, then the directory is fsynced, so a crash
 * leaves either the old state or the new one, never a torn file and never a rollback after
 * an answer was sent.
 */
export class WitnessStateStore {
  private logs: Record<string, LogState>;

  constructor(private readonly path: string) {
    this.logs = WitnessStateStore.read(path);
  }

  private static read(path: string): Record<string, LogState> {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    // A state file that does not parse must stop the witness: starting empty would let it
    // co-sign a rolled-back log.
    const parsed = JSON.parse(text) as Partial<StateFile>;
    if (parsed.version !== 1 || typeof parsed.logs !== 'object' || parsed.logs === null) {
      throw new Error(`witness state ${path} is not a version 1 state file`);
    }
    for (const [origin, log] of Object.entries(parsed.logs)) {
      if (!Number.isSafeInteger(log.size) || log.size < 0 || typeof log.root !== 'string') {
        throw new Error(`witness state ${path}: entry for ${origin} is malformed`);
      }
    }
    return parsed.logs;
  }

  get(origin: string): LogState | undefined {
    return this.logs[origin];
  }

  /** Persists the new state for `origin`; returns only once it is on disk. */
  set(origin: string, state: LogState): void {
    const next = { ...this.logs, [origin]: state };
    const file: StateFile = { version: 1, logs: next };
    const temp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
    const dir = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.logs = next;
  }
}
