import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsInstantText } from '../../common/validation/is-instant-text';
import { IsOmittable } from '../../common/validation/is-omittable';
import { AUDIT_OUTCOMES, AuditOutcome } from './audit-event.dto';

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** Bounds of the free-text filters, declared in the spec as enforced. */
export const AUDIT_FILTER_LIMITS = { idMax: 200, actionMax: 200, targetTypeMax: 100 } as const;

/** The filters shared by the list, the streamed export and background exports. */
@ApiSchema({ name: 'AuditEventFilters' })
export class AuditEventFiltersDto {
  @ApiProperty({
    required: false,
    maxLength: AUDIT_FILTER_LIMITS.idMax,
    description: 'Exact actor id (user or token id).',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(AUDIT_FILTER_LIMITS.idMax)
  actorId?: string;

  @ApiProperty({
    required: false,
    maxLength: AUDIT_FILTER_LIMITS.actionMax,
    description: 'Action prefix: `task.` matches `task.created`, `task.updated`…',
    example: 'auth.login',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(AUDIT_FILTER_LIMITS.actionMax)
  action?: string;

  @ApiProperty({ required: false, maxLength: AUDIT_FILTER_LIMITS.targetTypeMax, example: 'task' })
  @IsOmittable()
  @IsString()
  @MaxLength(AUDIT_FILTER_LIMITS.targetTypeMax)
  targetType?: string;

  @ApiProperty({ required: false, maxLength: AUDIT_FILTER_LIMITS.idMax })
  @IsOmittable()
  @IsString()
  @MaxLength(AUDIT_FILTER_LIMITS.idMax)
  targetId?: string;

  @ApiProperty({
    required: false,
    format: 'date-time',
    description: 'occurredAt ≥ from (inclusive).',
  })
  @IsOmittable()
  @IsISO8601({ strict: true })
  @IsInstantText()
  from?: string;

  @ApiProperty({
    required: false,
    format: 'date-time',
    description: 'occurredAt < to (exclusive).',
  })
  @IsOmittable()
  @IsISO8601({ strict: true })
  @IsInstantText()
  to?: string;

  @ApiProperty({
    required: false,
    enum: AUDIT_OUTCOMES,
    enumName: 'AuditOutcome',
    example: 'failure',
  })
  @IsOmittable()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;
}

/** Page sizes of the audit event list (the DTO documents them, the list applies the default). */
export const AUDIT_EVENTS_PAGE = { maxLimit: 500, defaultLimit: 50 } as const;

@ApiSchema({ name: 'ListAuditEventsQuery' })
export class ListAuditEventsQueryDto extends PageQueryDto(
  AUDIT_EVENTS_PAGE,
  AuditEventFiltersDto,
) {}

@ApiSchema({ name: 'ExportAuditEventsQuery' })
export class ExportAuditEventsQueryDto extends AuditEventFiltersDto {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS, enumName: 'AuditExportFormat', example: 'csv' })
  @IsIn(AUDIT_EXPORT_FORMATS)
  format!: AuditExportFormat;
}
