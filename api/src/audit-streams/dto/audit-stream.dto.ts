import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  AUDIT_STREAM_FORMATS,
  AUDIT_STREAM_KINDS,
  type AuditStreamFormat,
  type AuditStreamKind,
} from '../audit-stream.constants';

const SEQ = { pattern: '^(0|[1-9][0-9]*)$' };

@ApiSchema({ name: 'AuditStreamError', description: 'The last failed attempt.' })
export class AuditStreamErrorDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-30T06:00:00.000Z' })
  at!: string;

  @ApiProperty({ example: 'receiver answered 503: {"text":"Server is busy","code":9}' })
  message!: string;
}

@ApiSchema({
  name: 'AuditStreamHealth',
  description:
    'Where the stream stands. `lagEvents` = `headSeq` − `lastSeq` (seq is gap-free); `lagSeconds` = how long the oldest undelivered event has been sealed, 0 when caught up.',
})
export class AuditStreamHealthDto {
  @ApiProperty({ ...SEQ, description: 'Last seq the receiver acknowledged.', example: '1000' })
  lastSeq!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Chain hash at `lastSeq`.' })
  lastHash!: string | null;

  @ApiProperty({ ...SEQ, description: 'Seq of the newest sealed event.', example: '1042' })
  headSeq!: string;

  @ApiProperty({ type: 'integer', example: 42 })
  lagEvents!: number;

  @ApiProperty({ type: 'number', example: 1.5 })
  lagSeconds!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastDeliveredAt!: string | null;

  @ApiProperty({ type: 'integer', description: 'Failed attempts in a row (0 after a success).' })
  attempts!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Backing off until then after a failure.',
  })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: AuditStreamErrorDto, nullable: true })
  lastError!: AuditStreamErrorDto | null;
}

@ApiSchema({ name: 'AuditStreamCreator' })
export class AuditStreamCreatorDto {
  @ApiProperty({ type: String, nullable: true })
  id!: string | null;

  @ApiProperty({ example: 'auditor@example.com' })
  display!: string;
}

@ApiSchema({ name: 'AuditStream', description: 'A stream and its health; never its secret.' })
export class AuditStreamDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Splunk (SOC)' })
  name!: string;

  @ApiProperty({ enum: AUDIT_STREAM_KINDS, enumName: 'AuditStreamKind', example: 'splunk-hec' })
  kind!: AuditStreamKind;

  @ApiProperty({ enum: AUDIT_STREAM_FORMATS, enumName: 'AuditStreamFormat', example: 'ocsf' })
  format!: AuditStreamFormat;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://splunk.example.com:8088/services/collector/event',
  })
  url!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  fileName!: string | null;

  @ApiProperty({ description: 'Whether a secret (HEC token, bearer token) is set.' })
  hasSecret!: boolean;

  @ApiProperty({ type: 'integer', example: 500 })
  batchSize!: number;

  @ApiProperty({ description: 'Paused streams keep their cursor and send nothing.' })
  paused!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: AuditStreamCreatorDto })
  createdBy!: AuditStreamCreatorDto;

  @ApiProperty({ type: AuditStreamHealthDto })
  health!: AuditStreamHealthDto;
}

@ApiSchema({ name: 'AuditStreamList' })
export class AuditStreamListDto {
  @ApiProperty({ type: [AuditStreamDto], description: 'Every stream, oldest first.' })
  items!: AuditStreamDto[];
}
