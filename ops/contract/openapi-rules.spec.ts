import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
} from '@nestjs/swagger';
import { AUTH_RULE_KEY, type AuthRule } from '../../api/src/common/access/auth-rule';
import { createValidationPipe } from '../../api/src/bootstrap/validation-pipe';
import { API_TOKEN_SCHEME } from '../../api/src/common/openapi/security-schemes';
import { ProblemException } from '../../api/src/common/problem/problem.exception';
import { buildOpenApiDocument } from '../../api/src/openapi/build-openapi-document';
import { documentedRoutes, type DocumentedRoute } from '../../api/src/openapi/documented-routes';
import { isSortEnum } from '../../api/src/openapi/enum-varnames';
import { passwordProblem } from '../../api/src/credentials';
import { resolve, schemaErrors } from './schema-check';
import { withPreviewApp } from './spec-from-code';

/**
 * Rules every operation of the spec must follow, checked by walking the spec built from the
 * code, so a new route is held to them without anyone adding it to a list. A failure names
 * the operations that break a rule.
 */

/**
 * Operations allowed to document no client error: the probes take no input and are not rate
 * limited (the test below keeps them so). Mirrors .redocly.lint-ignore.yaml.
 */
const NO_CLIENT_ERROR = new Set(['getLiveness', 'getReadiness']);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const PROBLEM_TYPE = 'application/problem+json';

interface Operation {
  id: string;
  method: string;
  path: string;
  operation: OperationObject;
  route: DocumentedRoute | undefined;
}

let document: OpenAPIObject;
let operations: Operation[];

beforeAll(async () => {
  const built = await withPreviewApp((app) => ({
    document: buildOpenApiDocument(app),
    routes: documentedRoutes(app),
  }));
  document = built.document;
  const routes = new Map(built.routes.map((route) => [route.operationId, route]));
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const id = operation.operationId ?? `${method} ${path}`;
      return [{ id, method, path, operation, route: routes.get(id) }];
    }),
  );
}, 60_000);

function response(entry: ResponseObject | ReferenceObject | undefined): ResponseObject | undefined {
  return entry === undefined ? undefined : (resolve(document, entry) as unknown as ResponseObject);
}

function responsesOf(operation: OperationObject): Array<[number, ResponseObject]> {
  return Object.entries(operation.responses).flatMap(([status, entry]) => {
    const resolved = response(entry);
    return resolved ? [[Number(status), resolved] as [number, ResponseObject]] : [];
  });
}

/** Lists the ids of the operations for which `broken` says something (with what it says). */
function violations(broken: (op: Operation) => string | undefined): string[] {
  return operations.flatMap((op) => {
    const why = broken(op);
    return why === undefined ? [] : [`${op.id}: ${why}`];
  });
}

describe('the OpenAPI spec, every operation', () => {
  it('finds the routes of the real controllers, with their rate limits', () => {
    const limits = Object.fromEntries(operations.map((op) => [op.id, op.route?.rateLimit]));
    expect(limits).toMatchObject({
      getLiveness: 'none',
      login: 'strict',
      listTasks: 'default',
      getJwks: 'default',
    });
    expect(violations((op) => (op.route ? undefined : 'no controller route found'))).toEqual([]);
  });

  it('documents at least one 4xx problem response (the probes excepted)', () => {
    expect(
      violations((op) => {
        const clientErrors = responsesOf(op.operation).filter(([s]) => s >= 400 && s < 500);
        if (NO_CLIENT_ERROR.has(op.id)) {
          const takesInput =
            (op.operation.parameters ?? []).length > 0 || !!op.operation.requestBody;
          return takesInput || op.route?.rateLimit !== 'none'
            ? 'is exempt from documenting a 4xx, but takes input or is rate limited'
            : undefined;
        }
        return clientErrors.length === 0 ? 'documents no 4xx response' : undefined;
      }),
    ).toEqual([]);
  });

  it('documents every error as application/problem+json with Problem or a subtype of it', () => {
    const problem = resolve(document, { $ref: '#/components/schemas/Problem' });
    const problemFields = Object.keys(problem.properties as object);
    expect(
      violations((op) => {
        const bad = responsesOf(op.operation).filter(([status, res]) => {
          if (status < 400) return false;
          const schema = res.content?.[PROBLEM_TYPE]?.schema;
          if (!schema || Object.keys(res.content ?? {}).length !== 1) return true;
          const fields = Object.keys((resolve(document, schema).properties as object) ?? {});
          return !problemFields.every((field) => fields.includes(field));
        });
        return bad.length > 0 ? `not a problem: ${bad.map(([s]) => s).join(', ')}` : undefined;
      }),
    ).toEqual([]);
  });

  it('documents 429 with Retry-After when rate limited, and X-RateLimit-* on its successes', () => {
    expect(
      violations((op) => {
        const limited = op.route?.rateLimit !== 'none';
        const tooMany = response(op.operation.responses['429']);
        if (!limited) return tooMany ? 'is not rate limited, yet documents 429' : undefined;
        const retryAfter = tooMany?.headers?.['Retry-After'];
        if (!retryAfter || !resolve(document, retryAfter).required) {
          return 'is rate limited, but documents no 429 with a required Retry-After';
        }
        const silent = responsesOf(op.operation).filter(
          ([status, res]) => status < 400 && !res.headers?.['X-RateLimit-Remaining'],
        );
        return silent.length > 0
          ? `${silent.map(([s]) => s).join(', ')} lack X-RateLimit-* headers`
          : undefined;
      }),
    ).toEqual([]);
  });

  it('types the 412 body with currentVersion, and every *Problem subtype names its extras', () => {
    expect(
      violations((op) => {
        const failed = response(op.operation.responses['412']);
        if (!failed) return undefined;
        const schema = resolve(document, failed.content?.[PROBLEM_TYPE]?.schema ?? {});
        const required = (schema.required as string[] | undefined) ?? [];
        return required.includes('currentVersion') ? undefined : '412 lacks currentVersion';
      }),
    ).toEqual([]);
    const base = resolve(document, { $ref: '#/components/schemas/Problem' });
    const subtypes = Object.entries(document.components?.schemas ?? {}).filter(
      ([name]) => name.endsWith('Problem') && name !== 'Problem',
    );
    expect(subtypes.map(([name]) => name)).toEqual(
      expect.arrayContaining(['PreconditionFailedProblem', 'TasksNotFoundProblem']),
    );
    for (const [, schema] of subtypes) {
      const own = resolve(document, schema);
      const extras = ((own.required as string[]) ?? []).filter(
        (field) => !((base.required as string[]) ?? []).includes(field),
      );
      expect(extras.length).toBeGreaterThan(0);
    }
  });

  it('documents event streams as text/event-stream strings, never as a JSON schema', () => {
    expect(
      violations((op) => {
        const streams = responsesOf(op.operation).flatMap(([, res]) =>
          Object.entries(res.content ?? {}).filter(([type]) => type === 'text/event-stream'),
        );
        return streams.some(([, media]) => resolve(document, media.schema ?? {}).type !== 'string')
          ? 'an event stream is not typed as a string'
          : undefined;
      }),
    ).toEqual([]);
  });

  it('documents Location on every 202', () => {
    expect(
      violations((op) => {
        const accepted = response(op.operation.responses['202']);
        return accepted && !accepted.headers?.Location ? '202 without Location' : undefined;
      }),
    ).toEqual([]);
  });

  it('names two described security schemes, and lists API tokens exactly where they work', () => {
    const schemes = document.components?.securitySchemes ?? {};
    expect(Object.keys(schemes)).toHaveLength(2);
    for (const scheme of Object.values(schemes)) {
      expect(resolve(document, scheme).description).toEqual(expect.any(String));
    }
    expect(
      violations((op) => {
        const security = op.operation.security ?? document.security ?? [];
        const names = security.flatMap((requirement) => Object.keys(requirement));
        const unknown = names.filter((name) => !(name in schemes));
        if (unknown.length > 0) return `unknown schemes ${unknown.join(', ')}`;
        const rule = op.route
          ? (Reflect.getMetadata(AUTH_RULE_KEY, op.route.handler) as AuthRule | undefined)
          : undefined;
        const tokensWork = !!rule && !rule.public && (rule.scopes ?? []).length > 0;
        return names.includes(API_TOKEN_SCHEME) === tokensWork
          ? undefined
          : `lists the API token scheme: ${String(!tokensWork)}, accepts API tokens: ${String(tokensWork)}`;
      }),
    ).toEqual([]);
  });

  it('publishes each route’s access rule as x-required-roles / x-required-scopes', () => {
    expect(
      violations((op) => {
        const rule = op.route
          ? (Reflect.getMetadata(AUTH_RULE_KEY, op.route.handler) as AuthRule | undefined)
          : undefined;
        const documented = op.operation as OperationObject & {
          'x-required-roles'?: string[];
          'x-required-scopes'?: string[];
        };
        const expected =
          !rule || rule.public
            ? { roles: undefined, scopes: undefined }
            : { roles: rule.roles ?? [], scopes: rule.scopes ?? [] };
        const actual = {
          roles: documented['x-required-roles'],
          scopes: documented['x-required-scopes'],
        };
        return JSON.stringify(actual) === JSON.stringify(expected)
          ? undefined
          : `documents ${JSON.stringify(actual)}, enforces ${JSON.stringify(expected)}`;
      }),
    ).toEqual([]);
  });
});

describe('request body examples', () => {
  function bodyType(route: DocumentedRoute): Type<unknown> | undefined {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.methodName) ??
      {}) as Record<string, { index: number }>;
    const body = Object.entries(args).find(([key]) => key.startsWith(`${RouteParamtypes.BODY}:`));
    if (!body) return undefined;
    const types = Reflect.getMetadata(
      'design:paramtypes',
      route.controller.prototype as object,
      route.methodName,
    ) as Array<Type<unknown>>;
    return types[body[1].index];
  }

  function examplesOf(op: Operation): Array<[string, unknown]> {
    const media = Object.values((op.operation.requestBody as { content?: object })?.content ?? {});
    return media.flatMap((type: { example?: unknown; examples?: Record<string, unknown> }) => [
      ...(type.example === undefined ? [] : [['example', type.example] as [string, unknown]]),
      ...Object.entries(type.examples ?? {}).map(([name, example]): [string, unknown] => [
        name,
        resolve(document, example).value,
      ]),
    ]);
  }

  it('gives every request body at least one example', () => {
    expect(
      violations((op) =>
        op.operation.requestBody && examplesOf(op).length === 0 ? 'no request example' : undefined,
      ),
    ).toEqual([]);
  });

  it('keeps every example valid against its schema', () => {
    expect(
      violations((op) => {
        const media = Object.values(
          (op.operation.requestBody as { content?: Record<string, { schema?: unknown }> })
            ?.content ?? {},
        );
        const errors = examplesOf(op).flatMap(([name, value]) =>
          media.flatMap((type) => schemaErrors(document, type.schema ?? {}, value, name)),
        );
        return errors.length > 0 ? errors.join('; ') : undefined;
      }),
    ).toEqual([]);
  });

  it('makes every example pass the route’s real ValidationPipe and the password policy', async () => {
    const pipe = createValidationPipe();
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.operation.requestBody && o.route)) {
      const metatype = bodyType(op.route!);
      if (!metatype) {
        failures.push(`${op.id}: documents a body but its handler has no @Body()`);
        continue;
      }
      for (const [name, value] of examplesOf(op)) {
        try {
          await pipe.transform(structuredClone(value), { type: 'body', metatype });
        } catch (error) {
          const detail =
            error instanceof ProblemException ? JSON.stringify(error.errors) : String(error);
          failures.push(`${op.id} example ${name}: ${detail}`);
        }
        const fields = resolve(
          document,
          (op.operation.requestBody as { content: Record<string, { schema: unknown }> }).content[
            'application/json'
          ]?.schema ?? {},
        ).properties as Record<string, unknown> | undefined;
        const body = value as Record<string, unknown>;
        for (const [field, schema] of Object.entries(fields ?? {})) {
          const password = body[field];
          if (resolve(document, schema).format !== 'password' || typeof password !== 'string') {
            continue;
          }
          const why = passwordProblem(password, typeof body.email === 'string' ? body.email : '');
          if (why) failures.push(`${op.id} example ${name}: ${field}: ${why}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('enums', () => {
  function stringEnums(node: unknown, at: string, found: Array<[string, Record<string, unknown>]>) {
    if (node === null || typeof node !== 'object') return found;
    const schema = node as Record<string, unknown>;
    const values = schema.enum;
    if (Array.isArray(values) && values.every((v) => typeof v === 'string'))
      found.push([at, schema]);
    for (const [key, value] of Object.entries(schema)) {
      if (key !== 'example' && key !== 'examples' && key !== 'enum') {
        stringEnums(value, `${at}/${key}`, found);
      }
    }
    return found;
  }

  it('names the members of every string enum (x-enum-varnames), sorts as ASC/DESC', () => {
    const enums = stringEnums(document, '#', []);
    expect(enums.length).toBeGreaterThan(5);
    const broken = enums.flatMap(([at, schema]) => {
      const values = schema.enum as string[];
      const names = schema['x-enum-varnames'] as string[] | undefined;
      if (!names) return [`${at}: no x-enum-varnames`];
      const problems = [
        names.length !== values.length && 'not one name per value',
        new Set(names).size !== names.length && 'names repeat',
        names.some((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) && 'not identifiers',
        isSortEnum(values) &&
          values.some((v, i) => v.startsWith('-') !== names[i]?.endsWith('_DESC')) &&
          'descending sorts are not named *_DESC',
      ].filter(Boolean);
      return problems.map((problem) => `${at}: ${String(problem)}`);
    });
    expect(broken).toEqual([]);
    expect(document.components?.schemas?.TaskSort).toMatchObject({
      'x-enum-varnames': expect.arrayContaining(['CREATED_AT_DESC', 'DUE_AT_DESC']) as unknown,
    });
  });
});
