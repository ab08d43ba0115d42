import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';

const POSITIVE = /^[1-9][0-9]{0,14}$/;
const POSITIVE_PATTERN = '^[1-9][0-9]{0,14}$';
const ROOT_EXAMPLE = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

@ApiSchema({
  name: 'AuditCheckpoint',
  description: 'A signed C2SP checkpoint of the audit Merkle tree (docs/audit-log.md).',
})
export class AuditCheckpointDto {
  @ApiProperty({
    description: 'Origin line, also the signing key name.',
    example: 'tasktrackr.local/audit',
  })
  origin!: string;

  @ApiProperty({ description: 'Number of leaves (events seq 1..treeSize).', example: 1069 })
  treeSize!: number;

  @ApiProperty({ description: 'RFC 9162 root hash, base64.', example: ROOT_EXAMPLE })
  rootHash!: string;

  @ApiProperty({
    description: 'The signed note exactly as published (what a verifier checks).',
    example: `tasktrackr.local/audit\n1069\n${ROOT_EXAMPLE}\n\n— tasktrackr.local/audit Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n`,
  })
  note!: string;

  @ApiProperty({
    description:
      'Verifier key of the log (`<name>+<key id hex>+<base64(0x01 ‖ Ed25519 key)>`) that signed ' +
      'this checkpoint: the current key, or a retired one for checkpoints signed before a rotation.',
    example: 'tasktrackr.local/audit+cb9a4a65+AQ0kNW8yuE0mqqWxVbJYBsP6Pd2VwrQWAHLbqEoYm6uD',
  })
  vkey!: string;

  @ApiProperty({ example: '2026-11-30T03:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({
    description:
      'Witness cosignature lines (c2sp.org/tlog-cosignature v1) received for this checkpoint, ' +
      'oldest first; each ends with a newline. Appended to `note` they verify with the ' +
      "witness's vkey (docs/audit-log.md, Witness). Empty without AUDIT_WITNESS_URL.",
    type: [String],
    example: [
      '— witness.example.org/w1 Hf5b1QAAAABnSq0AQ0Xz9k1wVbJYBsP6Pd2VwrQWAHLbqEoYm6uDdGhpcyBpcyBhbiBleGFtcGxlIGNvc2lnbmF0dXJlIGxpbmU=\n',
    ],
  })
  cosignatures!: string[];
}

@ApiSchema({ name: 'ListAuditCheckpointsQuery' })
export class ListAuditCheckpointsQueryDto extends PageQueryDto({
  maxLimit: 100,
  defaultLimit: 20,
}) {}

@ApiSchema({ name: 'AuditInclusionProofQuery' })
export class AuditInclusionProofQueryDto {
  @ApiProperty({
    required: false,
    pattern: POSITIVE_PATTERN,
    description: 'Tree size to prove against (default: the latest checkpoint).',
    example: '1069',
  })
  @IsOptional()
  @Matches(POSITIVE, { message: 'treeSize must be a positive whole number' })
  treeSize?: string;
}

@ApiSchema({ name: 'AuditInclusionProof', description: 'RFC 9162 inclusion proof of one event.' })
export class AuditInclusionProofDto {
  @ApiProperty({ format: 'uuid', example: '0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10' })
  eventId!: string;

  @ApiProperty({ description: 'seq - 1.', example: 1068 })
  leafIndex!: number;

  @ApiProperty({ example: 1069 })
  treeSize!: number;

  @ApiProperty({
    description: 'SHA-256(0x00 ‖ canonical event JSON), base64.',
    example: 'bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=',
  })
  leafHash!: string;

  @ApiProperty({ description: 'Root of the tree of treeSize, base64.', example: ROOT_EXAMPLE })
  rootHash!: string;

  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Audit path, leaf side first, base64.',
    example: ['lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c='],
  })
  hashes!: string[];
}

@ApiSchema({ name: 'AuditConsistencyProofQuery' })
export class AuditConsistencyProofQueryDto {
  @ApiProperty({ pattern: POSITIVE_PATTERN, description: 'Older tree size.', example: '1000' })
  @Matches(POSITIVE, { message: 'from must be a positive whole number' })
  from!: string;

  @ApiProperty({ pattern: POSITIVE_PATTERN, description: 'Newer tree size.', example: '1069' })
  @Matches(POSITIVE, { message: 'to must be a positive whole number' })
  to!: string;
}

@ApiSchema({
  name: 'AuditConsistencyProof',
  description: 'RFC 9162 consistency proof that the tree of `to` extends the tree of `from`.',
})
export class AuditConsistencyProofDto {
  @ApiProperty({ example: 1000 })
  from!: number;

  @ApiProperty({ example: 1069 })
  to!: number;

  @ApiProperty({ description: 'Root of the tree of `from`, base64.', example: ROOT_EXAMPLE })
  fromRoot!: string;

  @ApiProperty({ description: 'Root of the tree of `to`, base64.', example: ROOT_EXAMPLE })
  toRoot!: string;

  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Proof hashes (RFC 9162 §2.1.4), base64; empty when from = to.',
    example: ['X4M/Chozygdqlx+YMlgNs+DvRYS9/x9UyKNg9Q3jAx4='],
  })
  hashes!: string[];
}
