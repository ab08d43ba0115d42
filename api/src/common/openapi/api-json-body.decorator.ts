import type { Type } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';

/** A DTO as it travels in JSON: dates are ISO 8601 strings, nested DTOs likewise. */
export type JsonOf<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? JsonOf<Item>[]
    : T extends object
      ? { [Key in keyof T]: JsonOf<T[Key]> }
      : T;

/** Named request examples; Swagger UI offers the first one in "Try it out". */
export type BodyExamples<T> = Record<string, { summary: string; value: JsonOf<T> }>;

/**
 * Documents a JSON request body with examples a client can send as they are. Swagger UI would
 * otherwise build one from the property types (`{"password": "string"}`), which the validation
 * refuses. `ops/contract/openapi-rules.spec.ts` checks that every request body has examples,
 * that they match the schema and that they pass the route's real ValidationPipe.
 */
export function ApiJsonBody<T>(type: Type<T>, examples: BodyExamples<T>): MethodDecorator {
  return ApiBody({ type, examples });
}
