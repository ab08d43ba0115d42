import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable';
import { Scope, SCOPES } from '../../common/access/principal';

@ApiSchema({ name: 'CreateApiToken' })
export class CreateApiTokenDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'CI pipeline' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes!: Scope[];

  @ApiProperty({ required: false, format: 'date-time', description: 'Omit for no expiry.' })
  @IsOmittable()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

@ApiSchema({
  name: 'ApiToken',
  description: 'A personal API token (its value is never shown again).',
})
export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({
    description: 'First characters of the value, to recognise it.',
    example: 'tt_3kq9',
  })
  prefix!: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true })
  scopes!: Scope[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Minute precision.',
  })
  lastUsedAt!: string | null;
}

@ApiSchema({
  name: 'CreatedApiToken',
  description: 'The new token; `token` is shown only this once.',
})
export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer tt_…`.', example: 'tt_3kq9…' })
  token!: string;
}
