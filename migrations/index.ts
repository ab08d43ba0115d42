import { Baseline1763920000000 } from './1763920000000-baseline';
import { AuditOutbox1763921000000 } from './1763921000000-audit-outbox';
import { AuditEvents1763921100000 } from './1763921100000-audit-events';
import { AuditExports1763921200000 } from './1763921200000-audit-exports';
import { UsersAndAuth1763922000000 } from './1763922000000-users-and-auth';
import { Tasks1763923000000 } from './1763923000000-tasks';
import { IdempotencyKeys1763923100000 } from './1763923100000-idempotency-keys';
import { IdempotencyVerbatimResponses1795985672592 } from './1795985672592-idempotency-verbatim-responses';
import { AuditMerkleTree1796000000000 } from './1796000000000-audit-merkle-tree';
import { AuditCheckpointCosignatures1796100000000 } from './1796100000000-audit-checkpoint-cosignatures';
import { AuditTraceContext1796200000000 } from './1796200000000-audit-trace-context';
import { Webhooks1796250000000 } from './1796250000000-webhooks';
import { AuditStreams1796300000000 } from './1796300000000-audit-streams';
import { AuditMerkleSegments1796400000000 } from './1796400000000-audit-merkle-segments';

/**
 * Every migration, oldest first. `npm run migration:generate -- <Name>` writes a new file
 * and adds it here; the schema-drift test fails if a migration is missing.
 */
export const MIGRATIONS = [
  Baseline1763920000000,
  AuditOutbox1763921000000,
  AuditEvents1763921100000,
  AuditExports1763921200000,
  UsersAndAuth1763922000000,
  Tasks1763923000000,
  IdempotencyKeys1763923100000,
  IdempotencyVerbatimResponses1795985672592,
  AuditMerkleTree1796000000000,
  AuditCheckpointCosignatures1796100000000,
  AuditTraceContext1796200000000,
  Webhooks1796250000000,
  AuditStreams1796300000000,
  AuditMerkleSegments1796400000000,
];
