import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AuditStreamFormat, AuditStreamKind } from '../audit-stream.constants';

/** A stream as an auditor configured it. Delivery state lives in `audit_stream_cursors`. */
@Entity({ name: 'audit_streams' })
export class AuditStreamEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_streams' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: AuditStreamKind;

  @Column({ type: 'text' })
  format!: AuditStreamFormat;

  /** Receiver URL (`splunk-hec`, `http-json`). */
  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** File under AUDIT_STREAM_FILE_DIR (`file`). */
  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  /** HEC token or bearer secret: write-only in the API, never returned. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ name: 'batch_size', type: 'int' })
  batchSize!: number;

  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  @Column({ name: 'created_by_id', type: 'text', nullable: true })
  createdById!: string | null;

  @Column({ name: 'created_by_display', type: 'text' })
  createdByDisplay!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
