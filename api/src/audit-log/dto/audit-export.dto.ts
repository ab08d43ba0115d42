import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, ValidateNested } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable';
import { AUDIT_EXPORT_STATUSES, AuditExportStatus } from '../entities/audit-export.entity';
import type { ExportTreeCheckpoint } from '../export-checkpoint';
import { AUDIT_EXPORT_FORMATS, AuditEventFiltersDto, AuditExportFormat } from './audit-filters.dto';

@ApiSchema({ name: 'CreateAuditExport' })
export class CreateAuditExportDto {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS, enumName: 'AuditExportFormat', example: 'jsonl' })
  @IsIn(AUDIT_EXPORT_FORMATS)
  format!: AuditExportFormat;

  @ApiProperty({ type: AuditEventFiltersDto, required: false })
  @IsOmittable()
  @ValidateNested()
  @Type(() => AuditEventFiltersDto)
  filters?: AuditEventFiltersDto;
}

@ApiSchema({ name: 'AuditExportAccepted' })
export class AuditExportAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
}

@ApiSchema({
  name: 'AuditExportManifest',
  description:
    'What the file holds. `signature` (Ed25519, see `getAuditPublicKey`) covers the canonical JSON of this object.',
})
export class AuditExportManifestDto {
  @ApiProperty({ format: 'uuid' })
  exportId!: string;

  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS, enumName: 'AuditExportFormat', example: 'jsonl' })
  format!: AuditExportFormat;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { action: 'auth.' },
  })
  filters!: Record<string, string>;

  @ApiProperty({ type: String, nullable: true, description: 'Chain head when the export began.' })
  upToSeq!: string | null;

  @ApiProperty({ example: 1042 })
  count!: number;

  @ApiProperty({ type: String, nullable: true })
  firstSeq!: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastSeq!: string | null;

  @ApiProperty({ type: String, nullable: true })
  firstHash!: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastHash!: string | null;

  @ApiProperty({ description: 'SHA-256 (hex) of the file.' })
  fileSha256!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty()
  keyId!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'The newest signed tree checkpoint covering the export: `{note, treeSize, first, last}` with `note` the C2SP checkpoint text and `first`/`last` `{seq, leafIndex, proof}` the inclusion proofs (base64 hashes) of the first and last exported events. Absent when no checkpoint covered the export yet, and in older manifests.',
  })
  treeCheckpoint?: ExportTreeCheckpoint;
}

@ApiSchema({ name: 'AuditExport' })
export class AuditExportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AUDIT_EXPORT_STATUSES, enumName: 'AuditExportStatus', example: 'running' })
  status!: AuditExportStatus;

  @ApiProperty({ minimum: 0, maximum: 100, example: 40 })
  progress!: number;

  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS, enumName: 'AuditExportFormat', example: 'jsonl' })
  format!: AuditExportFormat;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ type: AuditExportManifestDto, nullable: true })
  manifest!: AuditExportManifestDto | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Base64 Ed25519 signature of the manifest.',
  })
  signature!: string | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}
