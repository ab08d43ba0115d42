import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'Session', description: 'One signed-in device or browser.' })
export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Last sign-in or token refresh.' })
  lastUsedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Absolute end of the session.' })
  expiresAt!: string;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent!: string | null;

  @ApiProperty({ description: 'The session of the token making this request.' })
  current!: boolean;
}
