import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable';
import {
  AUDIT_STREAM_BATCH_DEFAULT,
  AUDIT_STREAM_BATCH_MAX,
  AUDIT_STREAM_BATCH_MIN,
  AUDIT_STREAM_FILE_NAME,
  AUDIT_STREAM_FORMATS,
  AUDIT_STREAM_KINDS,
  AUDIT_STREAM_NAME_MAX,
  AUDIT_STREAM_SECRET_MAX,
  AUDIT_STREAM_URL_MAX,
  type AuditStreamFormat,
  type AuditStreamKind,
} from '../audit-stream.constants';

export const AUDIT_STREAM_STARTS = ['beginning', 'now'] as const;
export type AuditStreamStart = (typeof AUDIT_STREAM_STARTS)[number];

@ApiSchema({
  name: 'CreateAuditStream',
  description:
    '`url` for `splunk-hec` and `http-json` (https, unless OUTBOUND_ALLOW_HTTP; the address must pass the outbound guard), `fileName` for `file` (a plain name under AUDIT_STREAM_FILE_DIR), `secret` required for `splunk-hec` (the HEC token), optional for `http-json` (sent as a bearer token), not allowed for `file`.',
})
export class CreateAuditStreamDto {
  @ApiProperty({ minLength: 1, maxLength: AUDIT_STREAM_NAME_MAX, example: 'Splunk (SOC)' })
  @IsString()
  @Length(1, AUDIT_STREAM_NAME_MAX)
  name!: string;

  @ApiProperty({ enum: AUDIT_STREAM_KINDS, enumName: 'AuditStreamKind', example: 'splunk-hec' })
  @IsIn(AUDIT_STREAM_KINDS)
  kind!: AuditStreamKind;

  @ApiProperty({ enum: AUDIT_STREAM_FORMATS, enumName: 'AuditStreamFormat', example: 'ocsf' })
  @IsIn(AUDIT_STREAM_FORMATS)
  format!: AuditStreamFormat;

  @ApiProperty({
    required: false,
    maxLength: AUDIT_STREAM_URL_MAX,
    example: 'https://splunk.example.com:8088/services/collector/event',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(AUDIT_STREAM_URL_MAX)
  url?: string;

  @ApiProperty({
    required: false,
    pattern: AUDIT_STREAM_FILE_NAME.source,
    example: 'siem.jsonl',
  })
  @IsOmittable()
  @IsString()
  @Matches(AUDIT_STREAM_FILE_NAME, {
    message: 'fileName must be a plain file name ending in .jsonl (letters, digits, . _ -)',
  })
  fileName?: string;

  @ApiProperty({
    required: false,
    writeOnly: true,
    minLength: 1,
    maxLength: AUDIT_STREAM_SECRET_MAX,
    description: 'Write-only: never returned (`hasSecret` says whether one is set).',
    example: '6b1e0c7a-7f44-4c1b-9e0f-0d9d5c1e2a10',
  })
  @IsOmittable()
  @IsString()
  @Length(1, AUDIT_STREAM_SECRET_MAX)
  secret?: string;

  @ApiProperty({
    required: false,
    type: 'integer',
    minimum: AUDIT_STREAM_BATCH_MIN,
    maximum: AUDIT_STREAM_BATCH_MAX,
    description: `Most events per batch (default ${AUDIT_STREAM_BATCH_DEFAULT}).`,
  })
  @IsOmittable()
  @IsInt()
  @Min(AUDIT_STREAM_BATCH_MIN)
  @Max(AUDIT_STREAM_BATCH_MAX)
  batchSize?: number;

  @ApiProperty({
    required: false,
    enum: AUDIT_STREAM_STARTS,
    enumName: 'AuditStreamStart',
    description:
      '`beginning` (the default): the whole sealed log; `now`: only events sealed from now on.',
  })
  @IsOmittable()
  @IsIn(AUDIT_STREAM_STARTS)
  startAt?: AuditStreamStart;
}
