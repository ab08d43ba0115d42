import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueInspector } from './queue-inspector.service';
import { SystemController } from './system.controller';
import { SystemStatusService } from './system-status.service';

/**
 * The admin's view of background processing. HTTP only, so it is loaded with the API
 * modules (where the auth guard is). Reads the queues registered by feature modules through
 * discovery and the audit outbox through the global AuditLogModule's `AuditOutboxStats`.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [SystemController],
  providers: [SystemStatusService, QueueInspector],
})
export class SystemModule {}
