import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../api/src/app.module';
import { applyApiRouting } from '../../api/src/bootstrap/configure-http-app';
import { buildOpenApiDocument } from '../../api/src/openapi/build-openapi-document';

/** Placeholder connection settings: preview mode instantiates no provider, so none is used. */
const OFFLINE_CONFIG = {
  DATABASE_URL: 'postgres://offline@127.0.0.1:1/offline',
  REDIS_URL: 'redis://127.0.0.1:1',
  LOG_LEVEL: 'silent',
};

/**
 * Runs `use` on the API's module graph without a database or Redis: Nest's preview mode
 * resolves the modules but creates no providers, so nothing connects.
 */
export async function withPreviewApp<T>(
  use: (app: NestFastifyApplication) => T | Promise<T>,
): Promise<T> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ role: 'api', configOverrides: OFFLINE_CONFIG }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  applyApiRouting(app);
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

/** Builds the OpenAPI document from the controllers (no database or Redis needed). */
export function specFromCode(): Promise<OpenAPIObject> {
  return withPreviewApp(buildOpenApiDocument);
}

/** The committed form: two-space JSON with a trailing newline. */
export function serializeSpec(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
