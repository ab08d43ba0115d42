import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { EMAIL_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '../../credentials';

@ApiSchema({ name: 'Login' })
export class LoginDto {
  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH, example: 'ann@example.com' })
  @IsString()
  @MinLength(1)
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  password!: string;
}
