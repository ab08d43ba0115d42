import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The largest Postgres `bigint` (2^63 − 1). */
export const MAX_POSTGRES_BIGINT = 9_223_372_036_854_775_807n;

/**
 * A positive whole number, as decimal text, that fits a Postgres `bigint` (1 … 2^63 − 1). A
 * 19-digit pattern alone lets values past the type's range through, and Postgres refuses
 * those where they are cast: a 500 instead of a 400 (found by `npm run fuzz`, issue #15).
 */
export function isPositiveBigintText(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[1-9][0-9]{0,18}$/.test(value) &&
    BigInt(value) <= MAX_POSTGRES_BIGINT
  );
}

export function IsPositiveBigintText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPositiveBigintText',
      validator: {
        validate: isPositiveBigintText,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a whole number from 1 to ${MAX_POSTGRES_BIGINT}`,
      },
    },
    options,
  );
}
