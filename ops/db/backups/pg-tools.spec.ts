import { BackupError } from './backup-error';
import { chooseTool, findPgTool, parseToolVersion, serverMajor, type FoundTool } from './pg-tools';

const tool = (major: number, path = `/usr/lib/postgresql/${major}/bin/pg_dump`): FoundTool => ({
  path,
  version: `${major}.3`,
  major,
});

describe('pg_dump / pg_restore discovery', () => {
  it('reads the version of Debian, upstream and development builds', () => {
    expect(parseToolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toEqual({
      version: '15.20',
      major: 15,
    });
    expect(parseToolVersion('pg_restore (PostgreSQL) 18.1')).toEqual({
      version: '18.1',
      major: 18,
    });
    expect(parseToolVersion('pg_dump (PostgreSQL) 19devel')).toEqual({ version: '19', major: 19 });
    expect(parseToolVersion('something else')).toBeUndefined();
    expect(serverMajor(150020)).toBe(15);
    expect(serverMajor(180001)).toBe(18);
  });

  it('prefers the server major, else the oldest newer one, never an older one', () => {
    expect(chooseTool([tool(17), tool(15), tool(16)], 16)?.major).toBe(16);
    expect(chooseTool([tool(17), tool(18)], 16)?.major).toBe(17);
    expect(chooseTool([tool(14), tool(15)], 16)).toBeUndefined();
  });

  it('says what to install when every pg_dump is older than the server, or there is none', () => {
    const older = () => findPgTool('pg_dump', 18, 'PostgreSQL 18.1 (database app)', [tool(15)]);
    expect(older).toThrow(BackupError);
    expect(older).toThrow(
      /PostgreSQL 18\.1 \(database app\) needs pg_dump 18 or newer, but the newest found .* is pg_dump 15\.3 \(\/usr\/lib\/postgresql\/15\/bin\/pg_dump\)\. .*apt-get install postgresql-client-18/,
    );
    expect(() => findPgTool('pg_restore', 15, 'x', [])).toThrow(
      /^pg_restore was not found on PATH or in \/usr\/lib\/postgresql\/\*\/bin\. Install the PostgreSQL 15 client tools/,
    );
  });
});
