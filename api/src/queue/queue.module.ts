import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { Env } from '../config/env.schema';
import { QueueMetrics } from './queue-metrics';

/**
 * Bull on Redis. Feature modules register their queues with `BullModule.registerQueue`;
 * processors are provided only in the worker role (see `AppModule.forRole`).
 * `QUEUE_PREFIX` keeps environments (and test runs) sharing one Redis apart.
 * `QueueMetrics` exports every registered queue's job counts to Prometheus, in every role.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        redis: config.get('REDIS_URL', { infer: true }),
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: 1000,
          removeOnFail: 5000,
        },
      }),
    }),
  ],
  providers: [QueueMetrics],
  exports: [BullModule],
})
export class QueueModule {}
