import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn } from 'class-validator';
import { Role, ROLES } from '../../common/access/principal';
import { IsOmittable } from '../../common/validation/is-omittable';

@ApiSchema({ name: 'UpdateUser', description: 'What an admin may change on a user.' })
export class UpdateUserDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true, required: false, minItems: 1 })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiProperty({
    required: false,
    description: 'Disabling signs the user out everywhere and revokes their API tokens.',
  })
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;
}
