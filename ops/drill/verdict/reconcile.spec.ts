import type { WriteRecord } from '../records';
import { reconcile, type TaskEventSnapshot, type TaskRowSnapshot } from './reconcile';

const TASK = '11111111-1111-4111-8111-111111111111';

function write(
  writeId: string,
  kind: WriteRecord['kind'],
  sequence: number,
  acknowledged = true,
): WriteRecord {
  return {
    writeId,
    kind,
    taskKey: '0.1',
    taskId: kind === 'update' || acknowledged ? TASK : null,
    marker: `drill run ${writeId}`,
    sequence,
    acknowledged,
    attempts: 1,
    replayed: false,
  };
}

const created = (title: string, targetId = TASK): TaskEventSnapshot => ({
  action: 'task.created',
  targetId,
  title,
  description: 'initial',
});
const updated = (description: string, targetId = TASK): TaskEventSnapshot => ({
  action: 'task.updated',
  targetId,
  title: null,
  description,
});
const row = (description: string, version: number): TaskRowSnapshot => ({
  id: TASK,
  title: 'drill run w1',
  description,
  version,
});

/** A create and two updates, all acknowledged, all applied and audited once. */
function cleanRun() {
  const writes = [write('w1', 'create', 0), write('w2', 'update', 1), write('w3', 'update', 2)];
  const events = [created('drill run w1'), updated('drill run w2'), updated('drill run w3')];
  return { writes, rows: [row('drill run w3', 3)], events };
}

function findings(result: ReturnType<typeof reconcile>) {
  const { lost, duplicated, unaudited, inconsistent, stray } = result;
  return { lost, duplicated, unaudited, inconsistent, stray };
}

describe('reconcile', () => {
  it('finds nothing wrong when every write is in the row and audited once', () => {
    const { writes, rows, events } = cleanRun();
    const result = reconcile(writes, rows, events);
    expect(findings(result)).toEqual({
      lost: [],
      duplicated: [],
      unaudited: [],
      inconsistent: [],
      stray: [],
    });
    expect(result).toMatchObject({ acknowledged: 3, rowsFound: 1, auditedOnce: 3, taskEvents: 3 });
  });

  it('reports an acknowledged create without its row as lost', () => {
    const { writes, events } = cleanRun();
    expect(reconcile(writes, [], events).lost).toEqual([
      'w1 (create): acknowledged, but no task row',
    ]);
  });

  it('reports an acknowledged update without its event as lost, and the row that missed it', () => {
    const { writes, rows, events } = cleanRun();
    const result = reconcile(writes, rows, events.slice(0, 2));
    expect(result.lost).toEqual(['w3 (update): acknowledged, but no task.updated event']);
    expect(result.inconsistent).toHaveLength(2); // description and version disagree with w2 last
  });

  it('reports a write audited twice as duplicated', () => {
    const { writes, rows, events } = cleanRun();
    const result = reconcile(writes, rows, [...events, created('drill run w1')]);
    expect(result.duplicated).toEqual(['w1 (create): 2 task.created events']);
  });

  it('accepts a write given up by the client that applied anyway, audited once', () => {
    const { writes, rows, events } = cleanRun();
    const givenUp = { ...writes[2], acknowledged: false } as WriteRecord;
    const result = reconcile([writes[0], writes[1], givenUp] as WriteRecord[], rows, events);
    expect(findings(result).lost).toEqual([]);
    expect(result.appliedUnacknowledged).toBe(1);
    expect(result.inconsistent).toEqual([]);
  });

  it('accepts a write given up by the client that never applied', () => {
    const { writes, events } = cleanRun();
    const givenUp = { ...writes[2], acknowledged: false } as WriteRecord;
    const result = reconcile(
      [writes[0], writes[1], givenUp] as WriteRecord[],
      [row('drill run w2', 2)],
      events.slice(0, 2),
    );
    expect(findings(result)).toEqual({
      lost: [],
      duplicated: [],
      unaudited: [],
      inconsistent: [],
      stray: [],
    });
    expect(result.appliedUnacknowledged).toBe(0);
  });

  it('reports a row whose final state is not what the last applied update set', () => {
    const { writes, events } = cleanRun();
    const result = reconcile(writes, [row('drill run w2', 3)], events);
    expect(result.inconsistent).toEqual([
      `task ${TASK} (0.1): description is "drill run w2", the last applied update set "drill run w3"`,
    ]);
  });

  it('reports a create whose row exists but was never audited', () => {
    const { writes, rows, events } = cleanRun();
    expect(reconcile(writes, rows, events.slice(1)).unaudited).toEqual([
      'w1 (create): no task.created event',
    ]);
  });

  it('reports task events that match no write of the drill', () => {
    const { writes, rows, events } = cleanRun();
    const result = reconcile(writes, rows, [...events, updated('someone else')]);
    expect(result.stray).toEqual([`task.updated on ${TASK} matches no write of the drill`]);
  });
});
