import 'reflect-metadata';
import { ApiProperty } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { CURSOR_MAX_LENGTH } from './cursor';
import { PageQueryDto } from './page-query.dto';

class Filters {
  @ApiProperty()
  @IsString()
  name?: string;
}

class ListQuery extends PageQueryDto({ maxLimit: 20, defaultLimit: 5 }, Filters) {}

const errorsOf = (plain: Record<string, unknown>) =>
  validateSync(plainToInstance(ListQuery, plain), { whitelist: true, forbidNonWhitelisted: true })
    .flatMap((error) =>
      Object.keys(error.constraints ?? {}).map((rule) => `${error.property}:${rule}`),
    )
    .sort();

describe('PageQueryDto', () => {
  it('accepts a page within the list’s limit, converting the query string', () => {
    const query = plainToInstance(ListQuery, { name: 'a', limit: '20', cursor: 'abc' });
    expect(query.limit).toBe(20);
    expect(errorsOf({ name: 'a', limit: '20', cursor: 'abc' })).toEqual([]);
    expect(errorsOf({ name: 'a' })).toEqual([]);
  });

  it('refuses limits outside 1…max, and cursors past the shared bound', () => {
    expect(errorsOf({ name: 'a', limit: '0' })).toEqual(['limit:min']);
    expect(errorsOf({ name: 'a', limit: '21' })).toEqual(['limit:max']);
    expect(errorsOf({ name: 'a', limit: '2.5' })).toEqual(['limit:isInt']);
    expect(errorsOf({ name: 'a', cursor: 'x'.repeat(CURSOR_MAX_LENGTH) })).toEqual([]);
    expect(errorsOf({ name: 'a', cursor: 'x'.repeat(CURSOR_MAX_LENGTH + 1) })).toEqual([
      'cursor:maxLength',
    ]);
  });

  it('keeps the list’s own filters validated and lists them before the paging fields', () => {
    expect(errorsOf({ name: 1 })).toEqual(['name:isString']);
    expect(errorsOf({ name: 'a', other: 1 })).toEqual(['other:whitelistValidation']);
    // The order @nestjs/swagger gives the query parameters in.
    const properties: unknown = Reflect.getMetadata(
      'swagger/apiModelPropertiesArray',
      ListQuery.prototype,
    );
    expect(properties).toEqual([':name', ':limit', ':cursor']);
  });
});
