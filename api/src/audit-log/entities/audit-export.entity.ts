import type { ExportTreeCheckpoint } from '../export-checkpoint';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditExportFormat } from '../dto/audit-filters.dto';

export const AUDIT_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type AuditExportStatus = (typeof AUDIT_EXPORT_STATUSES)[number];

/** What a finished export vouches for; signed (Ed25519) as canonical JSON. */
export interface AuditExportManifest {
  exportId: string;
  format: AuditExportFormat;
  filters: Record<string, string>;
  /** The chain head when the export started: later events are never included. */
  upToSeq: string | null;
  count: number;
  firstSeq: string | null;
  lastSeq: string | null;
  firstHash: string | null;
  lastHash: string | null;
  fileSha256: string;
  createdAt: string;
  keyId: string;
  /**
   * The newest signed tree checkpoint covering the export and the inclusion proofs of its
   * first and last events (absent in manifests from before the tree, or when none covered it).
   */
  treeCheckpoint?: ExportTreeCheckpoint;
}

/** A background export: its request, progress and, once done, its signed manifest. */
@Entity({ name: 'audit_exports' })
export class AuditExportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_exports' })
  id!: string;

  @Column({ name: 'requested_by_id', type: 'text', nullable: true })
  requestedById!: string | null;

  @Column({ name: 'requested_by_display', type: 'text' })
  requestedByDisplay!: string;

  @Column({ type: 'text' })
  format!: AuditExportFormat;

  @Column({ type: 'jsonb' })
  filters!: Record<string, string>;

  @Column({ type: 'text', default: 'queued' })
  status!: AuditExportStatus;

  @Column({ type: 'int', default: 0 })
  progress!: number;

  @Column({ type: 'jsonb', nullable: true })
  manifest!: AuditExportManifest | null;

  @Column({ name: 'manifest_signature', type: 'text', nullable: true })
  manifestSignature!: string | null;

  @Column({ name: 'file_path', type: 'text', nullable: true })
  filePath!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
