import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { UserDto } from '../../users';

@ApiSchema({
  name: 'AuthResult',
  description:
    'A short-lived access token (send as `Authorization: Bearer …`). The refresh token travels only in the HttpOnly `tt_refresh` cookie.',
})
export class AuthResultDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'RS256 JWT; verify with the keys at /api/v1/auth/jwks.json.' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 })
  expiresIn!: number;
}
