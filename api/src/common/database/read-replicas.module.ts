import { Global, Module } from '@nestjs/common';
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
    // Bound by configureHttpApp, and only when replicas are configured (see there).
    WriterPositionInterceptor,
  ],
  exports: [ReadRouter, ReplicaMonitor, WriterPositionInterceptor],
})
export class ReadReplicasModule {}
