import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { filter, map, Observable, Subject, takeUntil } from 'rxjs';
import { Env } from '../config/env.schema';
import { REDIS_CLIENT } from '../redis/redis.constants';
import type { TaskDto } from './dto/task.dto';
import type { TaskViewer } from './task-viewer';

export const TASK_EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.deleted',
  'task.restored',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** What travels over Redis: enough to filter by visibility; clients refetch what they need. */
export interface TaskChangeMessage {
  type: TaskEventType;
  id: string;
  version: number;
  occurredAt: string;
  /** Users who could see the task before or after the change (owner, assignees). */
  audience: string[];
}

/** A committed change to announce: the task after it, and its assignee before it, if it had one. */
export interface AnnouncedChange {
  task: Pick<TaskDto, 'id' | 'version' | 'ownerId' | 'assigneeId'>;
  formerAssigneeId?: string | null;
}

/**
 * The message for a change, for whoever could see the task before or after it: its owner and
 * assignee, and the former assignee (who may just have lost sight of it).
 */
function changeMessage(type: TaskEventType, change: AnnouncedChange): TaskChangeMessage {
  const { task, formerAssigneeId = null } = change;
  const audience = [task.ownerId, task.assigneeId, formerAssigneeId];
  return {
    type,
    id: task.id,
    version: task.version,
    occurredAt: new Date().toISOString(),
    audience: [...new Set(audience.filter((userId): userId is string => userId !== null))],
  };
}

/** What a caller's stream receives. */
export interface TaskEventData {
  type: TaskEventType;
  id: string;
  version: number;
  occurredAt: string;
}

function isTaskChangeMessage(value: unknown): value is TaskChangeMessage {
  const candidate = value as Partial<TaskChangeMessage> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    TASK_EVENT_TYPES.includes(candidate.type as TaskEventType) &&
    typeof candidate.id === 'string' &&
    typeof candidate.version === 'number' &&
    Array.isArray(candidate.audience)
  );
}

/**
 * Task change notifications across API replicas. Services publish to a Redis channel after
 * their transaction commits; each process holds ONE subscriber connection (a duplicate of the
 * shared client) and fans messages out in-process to its SSE streams, each filtered by what
 * its caller can see. Delivery is best-effort: a change is committed whether or not Redis
 * takes the message (clients resync with a list query on reconnect).
 */
@Injectable()
export class TaskEventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TaskEventsService.name);
  private readonly channel: string;
  private readonly messages = new Subject<TaskChangeMessage>();
  /** Emits once at shutdown (Nest destroys modules before it closes the HTTP server). */
  private readonly closing = new Subject<void>();
  private subscriber: Redis | undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: ConfigService<Env, true>,
  ) {
    this.channel = `${config.get('QUEUE_PREFIX', { infer: true })}:tasks:events`;
  }

  async onModuleInit(): Promise<void> {
    // A subscribing connection can run no other command, hence its own; it queues the
    // SUBSCRIBE until connected and re-subscribes by itself after a reconnect.
    const subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    subscriber.on('error', (error: Error) => this.logger.debug(`subscriber: ${error.message}`));
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      try {
        const message: unknown = JSON.parse(raw);
        if (isTaskChangeMessage(message)) this.messages.next(message);
      } catch {
        this.logger.warn('ignored a malformed task event');
      }
    });
    this.subscriber = subscriber;
    // Wait (briefly) for the subscription so events right after start-up are not missed;
    // with Redis down, start anyway: ioredis subscribes once it connects.
    const subscribed = subscriber.subscribe(this.channel).then(
      () => true,
      (error: Error) => {
        this.logger.warn(`could not subscribe to task events: ${error.message}`);
        return false;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 2_000);
    });
    await Promise.race([subscribed, timeout]);
    clearTimeout(timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing.next();
    this.closing.complete();
    this.messages.complete();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Call after commit. Never throws: the changes are already durable. */
  async announce(type: TaskEventType, changes: AnnouncedChange[]): Promise<void> {
    if (changes.length === 0) return;
    const messages = changes.map((change) => changeMessage(type, change));
    try {
      const pipeline = this.redis.pipeline();
      for (const message of messages) pipeline.publish(this.channel, JSON.stringify(message));
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`task events not published: ${(error as Error).message}`);
    }
  }

  /**
   * Mirrors `source` until shutdown, then completes it: an SSE response ends when its stream
   * completes, and an open one would otherwise hold the server's close() until the grace cut.
   */
  untilShutdown<T>(source: Observable<T>): Observable<T> {
    return source.pipe(takeUntil(this.closing));
  }

  /** The changes this viewer may see, as they happen. */
  streamFor(viewer: TaskViewer): Observable<TaskEventData> {
    return this.messages.pipe(
      filter((message) => viewer.seesAll || message.audience.includes(viewer.userId)),
      map(({ type, id, version, occurredAt }) => ({ type, id, version, occurredAt })),
    );
  }
}
