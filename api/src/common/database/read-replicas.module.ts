import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ReadRouter } from './read-router';
import { ReplicaMonitor } from './replica-monitor';
import { WriterPositionInterceptor } from './writer-position.interceptor';
import { WriterPositions } from './writer-positions';

/**
 * Read replicas (`DATABASE_REPLICA_URLS`): features ask `ReadRouter` for where a reader's
 * reads run; readiness and `/metrics` read `ReplicaMonitor`. Without replicas configured every
 * read runs on the primary as before and nothing here polls or touches Redis.
 */
@Global()
@Module({
  providers: [
    ReplicaMonitor,
    WriterPositions,
    ReadRouter,
    { provide: APP_INTERCEPTOR, useClass: WriterPositionInterceptor },
  ],
  exports: [ReadRouter, ReplicaMonitor],
})
export class ReadReplicasModule {}
