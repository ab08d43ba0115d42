import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readServicesRecord,
  removeServicesRecord,
  servicesRecordPath,
  writeServicesRecord,
} from './services-record';

describe('services record (.data/services.env)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tt-record-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const record = {
    databaseUrl: 'postgres://postgres:postgres@127.0.0.1:54329/tasktrackr',
    redisUrl: 'redis://127.0.0.1:63790',
    pid: process.pid,
  };

  it('is read back while its launcher runs, readable by its owner only', () => {
    writeServicesRecord(dir, record);
    expect(readServicesRecord(dir)).toEqual(record);
    expect(statSync(servicesRecordPath(dir)).mode & 0o077).toBe(0);
  });

  it('is ignored once its launcher is gone (killed, so it could not remove it)', () => {
    writeServicesRecord(dir, { ...record, pid: 2 ** 22 + 1 });
    expect(readServicesRecord(dir)).toBeUndefined();
  });

  it('is removed only by the launcher that wrote it', () => {
    writeServicesRecord(dir, record);
    removeServicesRecord(dir, process.pid + 1);
    expect(existsSync(servicesRecordPath(dir))).toBe(true);
    removeServicesRecord(dir, process.pid);
    expect(existsSync(servicesRecordPath(dir))).toBe(false);
    expect(readServicesRecord(dir)).toBeUndefined();
  });
});
