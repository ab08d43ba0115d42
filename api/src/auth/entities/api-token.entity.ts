import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UserOwnedRow } from './user-owned-row';
import type { Scope } from '../../common/access/principal';

/** A personal API token for integrators: shown once, stored as SHA-256, scoped, revocable. */
@Entity({ name: 'api_tokens' })
export class ApiTokenEntity extends UserOwnedRow({
  index: 'api_tokens_user_id_idx',
  foreignKey: 'api_tokens_user_id_fkey',
}) {
  // The migration's default is gen_random_uuid() (pgcrypto); TypeORM sees it as generated.
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_tokens_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index('api_tokens_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** The first characters of the value (`tt_abcd`), so people can tell tokens apart. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix!: string;

  @Column({ type: 'text', array: true })
  scopes!: Scope[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
