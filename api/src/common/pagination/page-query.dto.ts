import type { Type as Class } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../validation/is-omittable';
import { CURSOR_MAX_LENGTH } from './cursor';

/** The paging fields of a list's query string. */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** Page sizes are per resource; the cursor's bound is the same everywhere. */
export interface PageQueryOptions {
  maxLimit: number;
  /** The size when `limit` is left out: documented here, applied by the list. */
  defaultLimit: number;
  cursorDescription?: string;
}

class NoFilters {}

/**
 * A list's query DTO: its own filters, then `limit` and `cursor`, validated and documented the
 * same way for every list. A factory, because the limits differ per list and because the paging
 * fields must follow the filters (Swagger lists a base class's properties first):
 * `class ListUsersQueryDto extends PageQueryDto({ maxLimit: 100, defaultLimit: 50 }, UserFilters) {}`.
 */
export function PageQueryDto<T extends object = NoFilters>(
  options: PageQueryOptions,
  Filters: Class<T> = NoFilters as Class<T>,
): Class<T & PageQuery> {
  class PageQueryFields extends (Filters as Class<object>) implements PageQuery {
    @ApiProperty({
      required: false,
      minimum: 1,
      maximum: options.maxLimit,
      default: options.defaultLimit,
    })
    @IsOmittable()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(options.maxLimit)
    limit?: number;

    @ApiProperty({
      required: false,
      maxLength: CURSOR_MAX_LENGTH,
      description: options.cursorDescription ?? '`nextCursor` of the previous page.',
    })
    @IsOmittable()
    @IsString()
    @MaxLength(CURSOR_MAX_LENGTH)
    cursor?: string;
  }
  return PageQueryFields as Class<T & PageQuery>;
}
