import { DynamicModule, Module } from '@nestjs/common';
import { AuditLogModule } from './audit-log';
import { AuditStreamsModule } from './audit-streams';
import { AuthModule } from './auth';
import { ReadReplicasModule } from './common/database/read-replicas.module';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfigModule } from './config/app-config.module';
import { AppRole } from './config/env.schema';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { SystemModule } from './system/system.module';
import { TasksModule } from './tasks';
import { UsersModule } from './users';
import { WebhooksModule } from './webhooks';

export interface AppModuleOptions {
  role: AppRole;
  /** Config values that win over process.env (tests). */
  configOverrides?: Record<string, string | undefined>;
}

/** Every role answers probes and scrapes, so a hung worker is restarted like a hung API. */
const PROBE_MODULES = [HealthModule, MetricsModule];
/** The API itself; only the `api` and `all` roles load it. */
const API_MODULES = [AuthModule, UsersModule, TasksModule, SystemModule];

/**
 * The root module, assembled per process role. Infrastructure is shared; feature modules
 * take the role too (`Feature.forRole(role)`) so queue processors exist only in workers.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const servesApi = options.role !== 'worker';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot({ overrides: options.configOverrides }),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        ReadReplicasModule,
        QueueModule,
        AuditLogModule.forRole(options.role),
        // Every role: the API serves subscriptions, workers deliver (docs/webhooks.md).
        WebhooksModule.forRole(options.role),
        // Streams deliver in workers and are configured over HTTP: every role loads it.
        AuditStreamsModule.forRole(options.role),
        ...PROBE_MODULES,
        ...(servesApi ? API_MODULES : []),
      ],
    };
  }
}
