import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemSchema } from '../common/openapi/problem.schema';
import {
  API_TOKEN_SCHEME,
  SECURITY_SCHEMES,
  SESSION_JWT_SCHEME,
} from '../common/openapi/security-schemes';
import { defaultOperationId, documentedRoutes } from './documented-routes';
import { addEnumVarnames } from './enum-varnames';
import { sortKeysDeep } from './sort-keys-deep';
import { addStandardResponses } from './standard-responses';
import { API_VERSION } from '../version';

export const OPENAPI_JSON_PATH = 'api/v1/openapi.json';
export const SWAGGER_UI_PATH = 'api/docs';

/** The contract integrators code against: built from the controllers, keys sorted. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TaskTrackr API')
    .setDescription(
      'The TaskTrackr HTTP API. Every route is under /api/v1. Errors are RFC 9457 problem+json ' +
        'documents carrying the request id (also in the X-Request-Id header).',
    )
    .setVersion(API_VERSION)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The server that serves this document')
    // Authenticated unless an operation says otherwise (`security: []` on public routes).
    .addSecurityRequirements(SESSION_JWT_SCHEME)
    .addSecurityRequirements(API_TOKEN_SCHEME)
    .build();
  // A copy: Nest hands out decorator metadata objects, which the steps below must not change.
  const document = structuredClone(
    SwaggerModule.createDocument(app, config, {
      extraModels: [ProblemSchema],
      operationIdFactory: defaultOperationId,
    }),
  );
  document.components = { ...document.components, securitySchemes: SECURITY_SCHEMES };
  addStandardResponses(document, documentedRoutes(app));
  addEnumVarnames(document);
  return sortKeysDeep(document);
}

/** Serves the spec as JSON (always) and Swagger UI (unless disabled). */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject, uiEnabled: boolean) {
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, {
    useGlobalPrefix: false,
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    ui: uiEnabled,
    customSiteTitle: 'TaskTrackr API',
  });
}
