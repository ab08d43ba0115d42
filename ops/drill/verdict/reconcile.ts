import type { WriteRecord } from '../records';

/** A task row as the drill reads it back from Postgres. */
export interface TaskRowSnapshot {
  id: string;
  title: string;
  description: string;
  version: number;
}

/** A sealed task audit event, reduced to what identifies the write behind it. */
export interface TaskEventSnapshot {
  action: string;
  targetId: string;
  /** `changes.title.after` (what a create set). */
  title: string | null;
  /** `changes.description.after` (what an update set). */
  description: string | null;
}

export interface Reconciliation {
  writes: number;
  acknowledged: number;
  /** Given up by the client (no 2xx), yet applied: allowed, and audited like any other. */
  appliedUnacknowledged: number;
  /** Acknowledged creates whose row is in Postgres. */
  rowsFound: number;
  /** Writes (acknowledged or applied) with exactly one audit event. */
  auditedOnce: number;
  /** Task audit events sealed in all. */
  taskEvents: number;
  /** Each a sentence naming the write: the findings that fail the drill. */
  lost: string[];
  duplicated: string[];
  unaudited: string[];
  inconsistent: string[];
  stray: string[];
}

const INITIAL_DESCRIPTION = 'initial';

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * Matches the client's record of writes against the rows and the sealed audit events:
 * - an acknowledged create has its row, with the id the 201 gave, and one `task.created`;
 * - an acknowledged update has one `task.updated` setting its description (its row may have
 *   moved on since; the per-task check below covers the final state);
 * - a write given up may or may not have applied, but never twice, and never unaudited;
 * - each task's version is 1 + its applied updates and its description is the last one's;
 * - no task event matches no write.
 */
export function reconcile(
  writes: readonly WriteRecord[],
  rows: readonly TaskRowSnapshot[],
  events: readonly TaskEventSnapshot[],
): Reconciliation {
  const result: Reconciliation = {
    writes: writes.length,
    acknowledged: writes.filter((w) => w.acknowledged).length,
    appliedUnacknowledged: 0,
    rowsFound: 0,
    auditedOnce: 0,
    taskEvents: events.length,
    lost: [],
    duplicated: [],
    unaudited: [],
    inconsistent: [],
    stray: [],
  };
  const rowsByTitle = groupBy(rows, (row) => row.title);
  const created = groupBy(
    events.filter((e) => e.action === 'task.created'),
    (e) => e.title,
  );
  const updated = groupBy(
    events.filter((e) => e.action === 'task.updated'),
    (e) => e.description,
  );
  const applied = new Set<WriteRecord>();

  for (const write of writes.filter((w) => w.kind === 'create')) {
    const found = rowsByTitle.get(write.marker) ?? [];
    const audited = created.get(write.marker) ?? [];
    const row = found[0];
    if (found.length > 1)
      result.duplicated.push(`${write.writeId} (create): ${found.length} task rows`);
    if (audited.length > 1) {
      result.duplicated.push(`${write.writeId} (create): ${audited.length} task.created events`);
    }
    if (write.acknowledged) {
      if (!row) result.lost.push(`${write.writeId} (create): acknowledged, but no task row`);
      else if (row.id !== write.taskId) {
        result.inconsistent.push(
          `${write.writeId} (create): acknowledged as ${write.taskId}, row is ${row.id}`,
        );
      } else result.rowsFound += 1;
    } else if (row) result.appliedUnacknowledged += 1;
    if (!row) continue;
    applied.add(write);
    if (audited.length === 0)
      result.unaudited.push(`${write.writeId} (create): no task.created event`);
    else if (audited.some((e) => e.targetId !== row.id)) {
      result.inconsistent.push(`${write.writeId} (create): task.created names another task`);
    } else if (audited.length === 1) result.auditedOnce += 1;
  }

  for (const write of writes.filter((w) => w.kind === 'update')) {
    const audited = updated.get(write.marker) ?? [];
    if (audited.length > 1) {
      result.duplicated.push(`${write.writeId} (update): ${audited.length} task.updated events`);
    }
    if (audited.some((e) => e.targetId !== write.taskId)) {
      result.inconsistent.push(`${write.writeId} (update): task.updated names another task`);
    }
    if (audited.length === 0) {
      if (write.acknowledged) {
        result.lost.push(`${write.writeId} (update): acknowledged, but no task.updated event`);
      }
      continue;
    }
    applied.add(write);
    if (!write.acknowledged) result.appliedUnacknowledged += 1;
    if (audited.length === 1) result.auditedOnce += 1;
  }

  checkFinalStates(writes, rows, events, applied, result);

  const markers = new Set(writes.map((w) => w.marker));
  for (const event of events) {
    const marker = event.action === 'task.created' ? event.title : event.description;
    if (marker === null || !markers.has(marker)) {
      result.stray.push(`${event.action} on ${event.targetId} matches no write of the drill`);
    }
  }
  return result;
}

/** Version = 1 + applied updates; description = the last applied update's (or the initial). */
function checkFinalStates(
  writes: readonly WriteRecord[],
  rows: readonly TaskRowSnapshot[],
  events: readonly TaskEventSnapshot[],
  applied: ReadonlySet<WriteRecord>,
  result: Reconciliation,
): void {
  const rowByTitle = new Map(rows.map((row) => [row.title, row]));
  const updatesOf = groupBy(
    writes.filter((w) => w.kind === 'update'),
    (w) => w.taskId,
  );
  const eventsOf = groupBy(
    events.filter((e) => e.action === 'task.updated'),
    (e) => e.targetId,
  );
  for (const create of writes.filter((w) => w.kind === 'create' && applied.has(w))) {
    const row = rowByTitle.get(create.marker);
    if (!row) continue;
    const updates = (updatesOf.get(row.id) ?? []).filter((w) => applied.has(w));
    const last = updates.sort((a, b) => a.sequence - b.sequence).at(-1);
    const expected = last?.marker ?? INITIAL_DESCRIPTION;
    if (row.description !== expected) {
      result.inconsistent.push(
        `task ${row.id} (${create.taskKey}): description is "${row.description}", the last applied update set "${expected}"`,
      );
    }
    const eventCount = eventsOf.get(row.id)?.length ?? 0;
    if (row.version !== 1 + eventCount) {
      result.inconsistent.push(
        `task ${row.id} (${create.taskKey}): version ${row.version}, but ${eventCount} task.updated events`,
      );
    }
  }
}
