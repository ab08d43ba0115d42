import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * SQL that keeps state in the database session. Behind PgBouncer in transaction pooling mode
 * (docs/operations.md "PgBouncer") the next transaction may run on another server connection,
 * so such state leaks to other clients or is missing when needed. Case matters: SQL keywords
 * are written in capitals in this codebase, which keeps prose ("listen on …") out.
 */
const SESSION_STATE: [string, RegExp][] = [
  ['session advisory lock', /pg_(try_)?advisory_(un)?lock(_shared|_all)?\s*\(/],
  [
    'session SET',
    /(^|['"`;]\s*)SET\s+(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b|NULL\b|DEFAULT\b|STORAGE\b|NOT\s+NULL\b|DATA\s+TYPE\b)\w/m,
  ],
  ['session set_config', /set_config\s*\([^)]*,\s*false\s*\)/i],
  ['LISTEN', /\bLISTEN\s+["\w]/],
  ['PREPARE', /\bPREPARE\s+\w/],
  ['temporary table', /\bCREATE\s+(TEMP|TEMPORARY)\s+TABLE\b/i],
  ['cursor held past its transaction', /\bWITH\s+HOLD\b/i],
  ['named prepared statement (node-pg)', /\bname:\s*[^,{}]+,\s*text:|\btext:\s*[^,{}]+,\s*name:/],
];

/** The kinds of session state `source` sets up. */
function sessionStateIn(source: string): string[] {
  return SESSION_STATE.filter(([, pattern]) => pattern.test(source)).map(([kind]) => kind);
}

/**
 * The benchmarks open their own direct connections (never the app's pooled URL) and set
 * `auto_explain` on them; the docs say to run them against Postgres directly.
 */
const DIRECT_ONLY = ['ops/bench/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts') ? [path] : [];
  });
}

describe('no session state in SQL that may go through PgBouncer', () => {
  it.each([
    ['SELECT pg_advisory_lock($1)', 'session advisory lock'],
    ['SELECT pg_try_advisory_lock($1)', 'session advisory lock'],
    ['SELECT pg_advisory_unlock($1)', 'session advisory lock'],
    ["await q('SET statement_timeout = 5000')", 'session SET'],
    ['`SELECT 1; SET search_path TO x`', 'session SET'],
    ["SELECT set_config('app.user', $1, false)", 'session set_config'],
    ['`LISTEN task_events`', 'LISTEN'],
    ["'PREPARE q AS SELECT 1'", 'PREPARE'],
    ["'CREATE TEMP TABLE t (x int)'", 'temporary table'],
    ["'DECLARE c CURSOR WITH HOLD FOR SELECT 1'", 'cursor held past its transaction'],
    ["client.query({ name: 'by-id', text: 'SELECT 1' })", 'named prepared statement (node-pg)'],
  ])('recognises %s', (source, kind) => {
    expect(sessionStateIn(source)).toEqual([kind]);
  });

  it.each([
    'SELECT pg_advisory_xact_lock($1)',
    'SELECT pg_try_advisory_xact_lock($1) AS locked',
    "'SET LOCAL statement_timeout = 5000'",
    "'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE'",
    "onDelete: 'SET NULL'",
    'ALTER TABLE "t" ALTER COLUMN "c" SET STORAGE EXTERNAL',
    'ALTER TABLE "t" ALTER COLUMN "c" SET NOT NULL',
    'UPDATE tasks SET title = $1',
    "SELECT set_config('app.user', $1, true)",
    '--listen      address to listen on',
  ])('accepts %s', (source) => {
    expect(sessionStateIn(source)).toEqual([]);
  });

  it('finds none in the app, the ops tools and the migrations', () => {
    const offenders = ['api/src', 'ops', 'migrations']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((path) => relative(ROOT, path))
      .filter((path) => !DIRECT_ONLY.some((prefix) => path.startsWith(prefix)))
      .flatMap((path) =>
        sessionStateIn(readFileSync(join(ROOT, path), 'utf8')).map((kind) => `${path}: ${kind}`),
      );
    expect(offenders).toEqual([]);
  });
});
