import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../credentials';

@ApiSchema({ name: 'Register', description: 'Self-registration (when REGISTRATION_OPEN).' })
export class RegisterDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ann@example.com' })
  @IsEmail()
  @MaxLength(254)
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

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Ann Example' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;
}
