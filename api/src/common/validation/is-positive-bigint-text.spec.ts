import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsPositiveBigintText } from './is-positive-bigint-text';

class Query {
  @IsPositiveBigintText()
  seq!: unknown;
}

const errorsFor = (seq: unknown) =>
  validateSync(plainToInstance(Query, { seq })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsPositiveBigintText', () => {
  it.each(['1', '42', '9223372036854775807'])('accepts %s', (seq) => {
    expect(errorsFor(seq)).toEqual([]);
  });

  it.each([
    '9223372036854775808',
    '9999999999999999999',
    '0',
    '-1',
    '01',
    '1.5',
    '12345678901234567890',
    ' 1',
    '',
    7,
    null,
  ])('refuses %p, naming the range', (seq) => {
    expect(errorsFor(seq)).toEqual(['seq must be a whole number from 1 to 9223372036854775807']);
  });
});
