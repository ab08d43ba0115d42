import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'Jwk', description: 'An RSA public key (RFC 7517).' })
export class JwkDto {
  @ApiProperty({ enum: ['RSA'] })
  kty!: 'RSA';

  @ApiProperty({ description: 'RFC 7638 thumbprint; matches the `kid` of the tokens it signed.' })
  kid!: string;

  @ApiProperty({ enum: ['sig'] })
  use!: 'sig';

  @ApiProperty({ enum: ['RS256'] })
  alg!: 'RS256';

  @ApiProperty()
  n!: string;

  @ApiProperty()
  e!: string;
}

@ApiSchema({ name: 'Jwks', description: 'The public keys that verify access tokens.' })
export class JwksDto {
  @ApiProperty({ type: [JwkDto] })
  keys!: JwkDto[];
}
