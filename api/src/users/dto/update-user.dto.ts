import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Role, ROLES } from '../../auth/principal';

@ApiSchema({ name: 'UpdateUser', description: 'What an admin may change on a user.' })
export class UpdateUserDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true, required: false, minItems: 1 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiProperty({
    required: false,
    description: 'Disabling signs the user out everywhere and revokes their API tokens.',
  })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
