import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Role, ROLES } from '../../common/access/principal';
import type { UserEntity } from '../user.entity';

@ApiSchema({ name: 'User', description: 'A user account (never includes password material).' })
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ann@example.com' })
  email!: string;

  @ApiProperty({ example: 'Ann Example' })
  displayName!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: Role[];

  @ApiProperty({ description: 'A disabled user cannot sign in or use any token.' })
  disabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static from(user: UserEntity): UserDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      disabled: user.disabledAt !== null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
