/**
 * The causes of 5xx answers, read from a server's JSON log: the app's problem filter logs each
 * 5xx once with its error (`"<METHOD> <path> failed with <status>"`), so a 500 in the figures
 * can be explained without opening the log. The hashing bound's 503s are left out (counted
 * and checked from the responses).
 */
export function serverErrorCauses(
  log: string,
  fromMs: number,
  toMs: number,
): Record<string, number> {
  const causes: Record<string, number> = {};
  for (const line of log.split('\n')) {
    const entry = parse(line);
    if (!entry || entry.context !== 'ProblemDetailsFilter') continue;
    const status = / failed with (5\d\d)$/.exec(entry.msg)?.[1];
    const at = Date.parse(entry.time);
    if (!status || status === '503' || !(at >= fromMs && at <= toMs)) continue;
    const cause = `${status} ${entry.err?.message ?? '(no error message)'}`;
    causes[cause] = (causes[cause] ?? 0) + 1;
  }
  return causes;
}

interface LogEntry {
  context?: unknown;
  msg: string;
  time: string;
  err?: { message?: string };
}

function parse(line: string): LogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (typeof value.msg !== 'string' || typeof value.time !== 'string') return undefined;
    const err = value.err as { message?: unknown } | undefined;
    return {
      context: value.context,
      msg: value.msg,
      time: value.time,
      err: typeof err?.message === 'string' ? { message: err.message } : undefined,
    };
  } catch {
    return undefined;
  }
}
