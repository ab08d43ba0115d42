import { Type } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** A page of a cursor-paginated list: `{ items, nextCursor }`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A named page schema for the spec (`TaskPage`), so every list documents the same shape:
 * `@ApiOkResponse({ type: PageOf(TaskDto, 'TaskPage') })`.
 */
export function PageOf<T>(item: Type<T>, name: string): Type<Page<T>> {
  @ApiSchema({
    name,
    description: `One page of a list; pass \`nextCursor\` as \`cursor\` for the next.`,
  })
  class PageDto implements Page<T> {
    @ApiProperty({ type: item, isArray: true })
    items!: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Opaque; null on the last page. Valid only with the same sort and filters.',
      example: 'eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119',
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: `${name}Dto` });
  return PageDto;
}
