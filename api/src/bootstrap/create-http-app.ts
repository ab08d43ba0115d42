import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, AppModuleOptions } from '../app.module';
import { validateEnv } from '../config/validate-env';
import { configureHttpApp } from './configure-http-app';
import { fastifyServerOptions } from './fastify-options';

/**
 * Builds the fully configured HTTP app on Fastify (not yet listening), for any role: a worker's
 * HTTP server carries only the health probes and `/metrics`.
 */
export async function createHttpApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  // The same values AppConfigModule will load; Fastify needs some before the module exists.
  const env = validateEnv({ ...process.env, ...options.configOverrides });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    new FastifyAdapter(fastifyServerOptions(env)),
    // JSON only: Nest would add a urlencoded parser, letting plain HTML forms (which need no
    // CORS preflight) post to the API. Fastify's own JSON parser remains, with BODY_LIMIT.
    { bufferLogs: true, bodyParser: false },
  );
  await configureHttpApp(app, options.role);
  return app;
}
