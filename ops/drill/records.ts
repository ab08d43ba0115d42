import type { AttemptCategory } from './http/classify';

/** One HTTP attempt of a logical write, as the drill's client saw it. */
export interface AttemptRecord {
  /** The phase of the drill when the attempt ended (when its outcome was known). */
  phase: string;
  backend: string;
  writeId: string;
  startedAt: number;
  endedAt: number;
  category: AttemptCategory;
  kind: string;
  status?: number;
  problemJson: boolean;
}

export type WriteKind = 'create' | 'update';

/** One logical write: the same request (same Idempotency-Key) however often it was retried. */
export interface WriteRecord {
  writeId: string;
  kind: WriteKind;
  /** The drill's name for the task (lane and number), known before the server's id. */
  taskKey: string;
  /** The server's id: from the 201 for a create (null if none came), given for an update. */
  taskId: string | null;
  /** What the write sets: the title of a create, the description of an update. */
  marker: string;
  /** Order of this write among the writes to its task (the create is 0). */
  sequence: number;
  acknowledged: boolean;
  attempts: number;
  /** The 2xx was a stored response (`Idempotent-Replayed: true`): an earlier attempt applied it. */
  replayed: boolean;
}

/** When a fault was in effect: from the first action to the service answering again. */
export interface FaultWindow {
  name: 'api-rolling-restart' | 'worker-kill' | 'redis-outage' | 'postgres-restart';
  /** The span during which the dependency itself is down (for Postgres: shutdown to accepting). */
  startedAt: number;
  endedAt: number;
}
