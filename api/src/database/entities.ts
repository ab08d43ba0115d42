import { AuditCheckpointEntity } from '../audit-log/entities/audit-checkpoint.entity';
import { AuditEventEntity } from '../audit-log/entities/audit-event.entity';
import { AuditExportEntity } from '../audit-log/entities/audit-export.entity';
import { AuditOutboxEntity } from '../audit-log/entities/audit-outbox.entity';
import { ApiTokenEntity } from '../auth/entities/api-token.entity';
import { RefreshTokenEntity } from '../auth/entities/refresh-token.entity';
import { SessionEntity } from '../auth/entities/session.entity';
import { UserEntity } from '../users/user.entity';
import { IdempotencyKeyEntity } from '../common/idempotency/idempotency-key.entity';
import { TaskEntity } from '../tasks/task.entity';

/**
 * Every TypeORM entity of the app. The app, the migration CLI's data source and the
 * schema-drift test all read this one list, so none can miss an entity.
 * Feature modules add their entities here as they land.
 */
export const ENTITIES: (new (...args: never[]) => object)[] = [
  AuditOutboxEntity,
  AuditEventEntity,
  AuditCheckpointEntity,
  AuditExportEntity,
  UserEntity,
  SessionEntity,
  RefreshTokenEntity,
  ApiTokenEntity,
  TaskEntity,
  IdempotencyKeyEntity,
];
