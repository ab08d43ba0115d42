import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../credentials';
import { USER_LIMITS } from '../../users';

@ApiSchema({ name: 'Register', description: 'Self-registration (when REGISTRATION_OPEN).' })
export class RegisterDto {
  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH, example: 'ann@example.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'At least 12 characters, not the email address, not a common password.',
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: USER_LIMITS.displayNameMax, example: 'Ann Example' })
  @IsString()
  @MinLength(1)
  @MaxLength(USER_LIMITS.displayNameMax)
  displayName!: string;
}
