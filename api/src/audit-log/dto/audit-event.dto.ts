import { ApiProperty, ApiSchema } from '@nestjs/swagger';

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_ACTOR_TYPES = ['user', 'token', 'system'] as const;

@ApiSchema({ name: 'AuditActor', description: 'Who did it, as captured at the time.' })
export class AuditActorDto {
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES, enumName: 'AuditActorType', example: 'user' })
  type!: (typeof AUDIT_ACTOR_TYPES)[number];

  @ApiProperty({ type: String, nullable: true, example: '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11' })
  id!: string | null;

  @ApiProperty({ example: 'ada@example.com' })
  display!: string;
}

@ApiSchema({ name: 'AuditTarget', description: 'What the action was done to.' })
export class AuditTargetDto {
  @ApiProperty({ example: 'task' })
  type!: string;

  @ApiProperty({ type: String, nullable: true, example: '0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10' })
  id!: string | null;
}

@ApiSchema({
  name: 'AuditEvent',
  description:
    'A sealed audit event. `hash` = SHA-256(prevHash ‖ canonical JSON of the event); see docs/audit-log.md.',
})
export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    description: 'Gap-free position in the chain (a decimal string: it may exceed 2^53).',
    example: '1042',
    pattern: '^[1-9][0-9]*$',
  })
  seq!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T18:00:00.123Z' })
  occurredAt!: string;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ example: 'task.updated' })
  action!: string;

  @ApiProperty({ type: AuditTargetDto })
  target!: AuditTargetDto;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'Before/after of each changed field; secrets are redacted.',
    example: { title: { before: 'Draft', after: 'Final' } },
  })
  changes!: Record<string, unknown> | null;

  @ApiProperty({ enum: AUDIT_OUTCOMES, enumName: 'AuditOutcome', example: 'success' })
  outcome!: AuditOutcome;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent!: string | null;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^[0-9a-f]{32}$',
    description:
      'W3C trace id of the request that recorded the event (its `traceparent`, or the trace the API started); null outside a trace and for events recorded before trace ids were.',
    example: '4bf92f3577b34da6a3ce929d0e0e4736',
  })
  traceId!: string | null;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  prevHash!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  hash!: string;
}
