import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { UserOwnedRow } from './user-owned-row';

/**
 * One sign-in (a refresh-token family). Revoking it stops every refresh value of the family
 * and, because the guard checks it on each request, the access tokens issued for it.
 */
@Entity({ name: 'auth_sessions' })
export class SessionEntity extends UserOwnedRow({
  index: 'auth_sessions_user_id_idx',
  foreignKey: 'auth_sessions_user_id_fkey',
}) {
  // The migration's default is gen_random_uuid() (pgcrypto); TypeORM sees it as generated.
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auth_sessions_pkey' })
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz' })
  lastUsedAt!: Date;

  /** Absolute lifetime: no refresh extends a session past this. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;
}
