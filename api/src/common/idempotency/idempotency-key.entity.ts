import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One `Idempotency-Key` a caller used, with the response it produced. Written in the same
 * transaction as the effect, so a key exists exactly when its effect committed.
 */
@Entity({ name: 'idempotency_keys' })
@Index('idempotency_keys_expires_idx', ['expiresAt'])
export class IdempotencyKeyEntity {
  /** Who used the key (`user:<id>`): keys never collide across callers. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  scope!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key!: string;

  /** SHA-256 of method, route and canonical body: a different request under the same key is refused. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ name: 'response_status', type: 'integer' })
  responseStatus!: number;

  /** `json`, not `jsonb`: the text is kept as written, so a replay is byte-identical. */
  @Column({ name: 'response_headers', type: 'json' })
  responseHeaders!: Record<string, string>;

  /** The body exactly as first serialized (`json` keeps key order; `jsonb` would not). */
  @Column({ name: 'response_body', type: 'json', nullable: true })
  responseBody!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
