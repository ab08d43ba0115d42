import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role, ROLES } from '../../common/access/principal';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../credentials';
import { USER_LIMITS } from '../user.constants';

@ApiSchema({
  name: 'CreateUser',
  description: 'An account an admin creates, with the initial password they hand over.',
})
export class CreateUserDto {
  @ApiProperty({
    format: 'email',
    maxLength: EMAIL_MAX_LENGTH,
    example: 'ann@example.com',
    description: 'Stored lower-cased; unique regardless of case.',
  })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: USER_LIMITS.displayNameMax, example: 'Ann Example' })
  @IsString()
  @MinLength(1)
  @MaxLength(USER_LIMITS.displayNameMax)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;

  @ApiProperty({
    enum: ROLES,
    enumName: 'Role',
    isArray: true,
    minItems: 1,
    example: ['employee'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      'The initial password. At least 12 characters, not the email address, not a common password.',
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;
}
