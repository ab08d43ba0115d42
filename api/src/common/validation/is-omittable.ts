import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * An optional field that may be left out but, when present, must pass its rules: unlike
 * class-validator's `@IsOptional()`, which also skips every rule for `null` and so lets `null`
 * reach the service where a value is required (a 500 from the database). Body fields use this;
 * a field that accepts `null` to clear it says so with its own `ValidateIf`.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
