import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SessionEntity } from './session.entity';

/**
 * One refresh value of a session, stored only as its SHA-256. A value is spent by its first
 * use; presenting a spent one again (outside the grace window) revokes the whole session.
 */
@Entity({ name: 'auth_refresh_tokens' })
export class RefreshTokenEntity {
  // The migration's default is gen_random_uuid() (pgcrypto); TypeORM sees it as generated.
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auth_refresh_tokens_pkey' })
  id!: string;

  @Index('auth_refresh_tokens_session_id_idx')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'session_id',
    foreignKeyConstraintName: 'auth_refresh_tokens_session_id_fkey',
  })
  session?: SessionEntity;

  @Index('auth_refresh_tokens_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'spent_at', type: 'timestamptz', nullable: true })
  spentAt!: Date | null;

  /** Who spent it, to tell a client's own concurrent refreshes from a replay by someone else. */
  @Column({ name: 'spent_by_user_agent', type: 'text', nullable: true })
  spentByUserAgent!: string | null;
}
