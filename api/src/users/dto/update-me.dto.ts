import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { USER_LIMITS } from '../user.constants';

@ApiSchema({ name: 'UpdateMe', description: 'What a signed-in user may change on their account.' })
export class UpdateMeDto {
  @ApiProperty({ minLength: 1, maxLength: USER_LIMITS.displayNameMax, example: 'Ann Example' })
  @IsString()
  @MinLength(1)
  @MaxLength(USER_LIMITS.displayNameMax)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;
}
