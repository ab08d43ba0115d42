import { ApiProperty, ApiSchema } from '@nestjs/swagger';
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
}
