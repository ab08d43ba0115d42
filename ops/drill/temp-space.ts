import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The drill's temporary folders, all under one root that the teardown removes. */
export interface TempSpace {
  root: string;
  /** Postgres' data folder goes in here. */
  postgres: string;
  redis: string;
  /** The app processes' working directory (so no `.env` or `.data/` of the checkout applies). */
  app: string;
  exports: string;
  logs: string;
}

export function createTempSpace(): TempSpace {
  const root = mkdtempSync(join(tmpdir(), 'tasktrackr-drill-'));
  // Postgres may run as another user (when we are root): it must be able to enter, not list.
  chmodSync(root, 0o711);
  const sub = (name: string, mode = 0o700) => {
    const path = join(root, name);
    mkdirSync(path, { mode });
    return path;
  };
  return {
    root,
    postgres: sub('postgres', 0o711),
    redis: sub('redis'),
    app: sub('app'),
    exports: sub('exports'),
    logs: sub('logs'),
  };
}
