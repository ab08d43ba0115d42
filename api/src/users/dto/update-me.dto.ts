import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

@ApiSchema({ name: 'UpdateMe', description: 'What a signed-in user may change on their account.' })
export class UpdateMeDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Ann Example' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;
}
