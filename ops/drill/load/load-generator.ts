import type { WriteRecord } from '../records';
import type { Writer } from './writer';

/** How many updates each task gets after its create, one after the other. */
export const UPDATES_PER_TASK = 3;

export interface Principal {
  name: string;
  bearer: string;
}

/**
 * `concurrency` lanes, each writing on its own: create a task (with an Idempotency-Key), then
 * update its description `UPDATES_PER_TASK` times (each to a value no other write sets, so a
 * retried update changes nothing the second time), then the next task. Lanes alternate between
 * the principals (an API token, a signed-in session). Writes within a task are sequential, so
 * the last applied update decides the row's final description.
 */
export class LoadGenerator {
  readonly writes: WriteRecord[] = [];
  private stopped = false;
  private lanes: Promise<void>[] = [];
  private counter = 0;
  inFlight = 0;

  constructor(
    private readonly writer: Writer,
    private readonly principals: Principal[],
    private readonly runId: string,
  ) {}

  start(concurrency: number): void {
    this.lanes = Array.from({ length: concurrency }, (_, lane) => this.lane(lane));
  }

  /** Lets every lane finish the write it is on (retries included), then resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.lanes);
  }

  get acknowledged(): number {
    return this.writes.filter((write) => write.acknowledged).length;
  }

  private async lane(lane: number): Promise<void> {
    const principal = this.principals[lane % this.principals.length];
    if (!principal) throw new Error('no principal to write as');
    for (let task = 1; !this.stopped; task += 1) {
      const taskKey = `${lane}.${task}`;
      const created = await this.write(principal, taskKey, null, 0, (writeId) => ({
        method: 'POST',
        path: '/api/v1/tasks',
        body: { title: this.marker(writeId), description: 'initial', priority: 'medium' },
        idempotencyKey: `${this.runId}-${writeId}`,
      }));
      const taskId = (created as { id?: unknown } | undefined)?.id;
      if (typeof taskId !== 'string') continue;
      for (let update = 1; update <= UPDATES_PER_TASK && !this.stopped; update += 1) {
        await this.write(principal, taskKey, taskId, update, (writeId) => ({
          method: 'PATCH',
          path: `/api/v1/tasks/${taskId}`,
          body: { description: this.marker(writeId) },
        }));
      }
    }
  }

  private async write(
    principal: Principal,
    taskKey: string,
    taskId: string | null,
    sequence: number,
    request: (writeId: string) => Parameters<Writer['perform']>[1],
  ): Promise<unknown> {
    this.counter += 1;
    const writeId = `w${String(this.counter).padStart(6, '0')}`;
    const spec = request(writeId);
    const record: WriteRecord = {
      writeId,
      kind: spec.method === 'POST' ? 'create' : 'update',
      taskKey,
      taskId,
      marker: this.marker(writeId),
      sequence,
      acknowledged: false,
      attempts: 0,
      replayed: false,
    };
    this.writes.push(record);
    this.inFlight += 1;
    try {
      const answer = await this.writer.perform(
        record,
        spec,
        principal.bearer,
        `drill.${this.runId}.${writeId}`,
      );
      if (!answer) return undefined;
      record.acknowledged = true;
      record.replayed = answer.headers['idempotent-replayed'] === 'true';
      const id = (answer.body as { id?: unknown } | undefined)?.id;
      if (record.kind === 'create' && typeof id === 'string') record.taskId = id;
      return answer.body;
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Unique per write and run: the create's title, the update's description. */
  private marker(writeId: string): string {
    return `drill ${this.runId} ${writeId}`;
  }
}
