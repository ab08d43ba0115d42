import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Date-time text that JavaScript's `Date` reads as a real instant. ISO 8601 also has forms
 * `Date` cannot read (week dates `2026-W01`, basic `20260101T000000Z`): they pass
 * `@IsISO8601`, become an Invalid Date, and Postgres refuses the `NaN` timestamp it is sent as,
 * a 500 instead of a 400 (found by `npm run fuzz`, issue #15). Use beside `@IsISO8601`.
 */
export function IsInstantText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantText',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && Number.isFinite(Date.parse(value)),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date-time such as 2026-01-31T09:00:00Z`,
      },
    },
    options,
  );
}
