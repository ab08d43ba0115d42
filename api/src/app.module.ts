import { DynamicModule, Module } from '@nestjs/common';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfigModule } from './config/app-config.module';
import { AppRole } from './config/env.schema';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

export interface AppModuleOptions {
  role: AppRole;
  /** Config values that win over process.env (tests). */
  configOverrides?: Record<string, string | undefined>;
}

/** Modules that serve HTTP; only the `api` and `all` roles load them. */
const HTTP_MODULES = [HealthModule, MetricsModule];

/**
 * The root module, assembled per process role. Infrastructure is shared; feature modules
 * take the role too (`Feature.forRole(role)`) so queue processors exist only in workers.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const servesHttp = options.role !== 'worker';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot({ overrides: options.configOverrides }),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        QueueModule,
        ...(servesHttp ? HTTP_MODULES : []),
      ],
    };
  }
}
