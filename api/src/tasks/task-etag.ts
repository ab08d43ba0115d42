/**
 * Task ETags are strong validators `"<id>:<version>"`: the version increments on every change,
 * so equal tags mean equal representations. Strong, because If-Match needs strong comparison
 * (RFC 9110 §13.1.1) and a weak tag could never match it.
 */
export function taskETag(task: { id: string; version: number }): string {
  return `"${task.id}:${task.version}"`;
}

/** The header's entity tags (`*` stays `*`); `W/` prefixes are kept so they never match strongly. */
function parseTags(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** If-None-Match (weak comparison): does any listed tag name this version? */
export function ifNoneMatchHits(header: string | undefined, task: { id: string; version: number }) {
  if (header === undefined) return false;
  const current = taskETag(task);
  return parseTags(header).some((tag) => tag === '*' || tag.replace(/^W\//, '') === current);
}

/**
 * The version an If-Match header requires for this task: `undefined` when there is no header
 * or it is `*` (any current version), otherwise the version named by a strong tag for this id,
 * or `null` when no listed tag can match (another id, weak or malformed tags): a 412.
 */
export function expectedVersionFromIfMatch(
  header: string | undefined,
  taskId: string,
): number | undefined | null {
  if (header === undefined) return undefined;
  const tags = parseTags(header);
  if (tags.includes('*')) return undefined;
  for (const tag of tags) {
    const match = /^"([0-9a-f-]{36}):(\d{1,10})"$/i.exec(tag);
    if (match && match[1]?.toLowerCase() === taskId.toLowerCase()) return Number(match[2]);
  }
  return null;
}
