import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsPositiveBigintText } from '../../common/validation/is-positive-bigint-text';

@ApiSchema({ name: 'VerifyAuditChainQuery' })
export class VerifyAuditChainQueryDto {
  @ApiProperty({
    required: false,
    pattern: '^[1-9][0-9]{0,18}$',
    description: 'First seq (default: oldest).',
  })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'fromSeq must be a positive whole number' })
  @IsPositiveBigintText()
  fromSeq?: string;

  @ApiProperty({
    required: false,
    pattern: '^[1-9][0-9]{0,18}$',
    description: 'Last seq (default: newest).',
  })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'toSeq must be a positive whole number' })
  @IsPositiveBigintText()
  toSeq?: string;
}

@ApiSchema({ name: 'AuditVerifyResult' })
export class AuditVerifyResultDto {
  @ApiProperty({ description: 'True when every event and checkpoint in the range checks out.' })
  ok!: boolean;

  @ApiProperty({ description: 'Events checked before the walk ended.', example: 1042 })
  checked!: number;

  @ApiProperty({
    required: false,
    description: 'The first seq that does not verify.',
    example: '17',
  })
  firstBadSeq?: string;

  @ApiProperty({ required: false, example: 'hash of seq 17 does not match its content' })
  reason?: string;

  @ApiProperty({
    required: false,
    description: 'Published tree checkpoints whose root the events reproduced.',
    example: 12,
  })
  checkpointsChecked?: number;

  @ApiPropertyOptional({
    description:
      'Which audit key (by key id) signed the checkpoints that were checked: chain checkpoints ' +
      'in the range and published tree checkpoints. After a key rotation, the retired and the ' +
      'current key. Absent when no checkpoint was checked.',
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        chainCheckpoints: { type: 'integer' },
        treeCheckpoints: { type: 'integer' },
      },
      required: ['chainCheckpoints', 'treeCheckpoints'],
    },
    example: {
      '9b1e07c2d4a3f560': { chainCheckpoints: 3, treeCheckpoints: 4 },
      '3f2a9c0d11b7e845': { chainCheckpoints: 1, treeCheckpoints: 2 },
    },
  })
  signedBy?: Record<string, { chainCheckpoints: number; treeCheckpoints: number }>;
}

@ApiSchema({ name: 'AuditPreviousPublicKey', description: 'A retired audit signing key.' })
export class AuditPreviousPublicKeyDto {
  @ApiProperty({ example: '9b1e07c2d4a3f560' })
  keyId!: string;

  @ApiProperty({ description: 'SPKI PEM.' })
  publicKeyPem!: string;
}

@ApiSchema({ name: 'AuditPublicKey', description: 'The key that verifies checkpoint signatures.' })
export class AuditPublicKeyDto {
  @ApiProperty({ enum: ['Ed25519'], example: 'Ed25519' })
  algorithm!: 'Ed25519';

  @ApiProperty({
    description: 'First 16 hex digits of SHA-256 of the DER public key.',
    example: '3f2a9c0d11b7e845',
  })
  keyId!: string;

  @ApiProperty({ description: 'SPKI PEM.' })
  publicKeyPem!: string;

  @ApiProperty({
    type: [AuditPreviousPublicKeyDto],
    description:
      'Retired keys (AUDIT_PREVIOUS_PUBLIC_KEYS) that still verify what they signed before a ' +
      'key rotation; they sign nothing new. Empty when the key was never rotated.',
  })
  previousKeys!: AuditPreviousPublicKeyDto[];
}
