import { DevServicesError, describeError } from './errors';
import { type DevServicesOptions, withDefaults } from './options';
import { resolvePostgres } from './postgres';
import { resolveRedis } from './redis';
import { nothingToStop, type ResolvedService } from './resolved-service';

export type { DevServicesOptions } from './options';

export interface DevServices {
  databaseUrl: string;
  redisUrl: string;
  /** Stops whatever was started here (not services found running); safe to call again. */
  stop(): Promise<void>;
  /** One line per service saying which choice was made. */
  notes: string[];
  /** A few words per service on where it comes from, for the start-up summary. */
  origins: { database: string; redis: string };
}

/**
 * Finds or starts the Postgres and Redis the app needs, in this order for each: the URL from the
 * environment, a local server that answers, an embedded/spawned one. Fails with one message
 * that says what is missing and how to get it.
 */
export async function resolveServices(options: DevServicesOptions = {}): Promise<DevServices> {
  const resolved = withDefaults(options);
  const announce = (service: ResolvedService) => {
    resolved.log(service.note);
    return service;
  };
  // Both at once: an embedded Postgres takes seconds, during which Redis can come up.
  const [postgres, redis] = await Promise.allSettled([
    resolvePostgres(resolved).then(announce),
    resolveRedis(resolved).then(announce),
  ]);

  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    const failures = [postgres, redis].filter((r) => r.status === 'rejected');
    await Promise.allSettled(
      [postgres, redis].map((r) => (r.status === 'fulfilled' ? r.value.stop() : nothingToStop())),
    );
    const [first] = failures;
    if (failures.length === 1 && first && !(first.reason instanceof DevServicesError)) {
      throw first.reason; // unexpected: keep its stack
    }
    throw new DevServicesError(failures.map((f) => describeError(f.reason)).join('\n'));
  }

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl: postgres.value.url,
    redisUrl: redis.value.url,
    notes: [postgres.value.note, redis.value.note],
    origins: { database: postgres.value.origin, redis: redis.value.origin },
    stop: () => {
      stopping ??= Promise.allSettled([postgres.value.stop(), redis.value.stop()]).then(
        (results) => {
          const errors = results.filter((r) => r.status === 'rejected');
          if (errors.length > 0) {
            throw new Error(
              `Stopping dev services failed: ${errors.map((e) => describeError(e.reason)).join('; ')}`,
            );
          }
        },
      );
      return stopping;
    },
  };
}
