import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { EMAIL_MAX_LENGTH } from '../../credentials';

/** Page sizes of the users list (the DTO documents them, the service applies the default). */
export const USERS_PAGE = { maxLimit: 100, defaultLimit: 50 } as const;

class UserListFilters {
  @ApiProperty({ required: false, description: 'Part of the email address (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  email?: string;
}

@ApiSchema({ name: 'ListUsersQuery' })
export class ListUsersQueryDto extends PageQueryDto(USERS_PAGE, UserListFilters) {}
