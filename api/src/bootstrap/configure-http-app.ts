import fastifyCookie from '@fastify/cookie';
import { INestApplication, VersioningType } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoRootLogger } from 'pino';
import { serveAdminUi } from '../admin-ui';
import { ReplicaMonitor } from '../common/database/replica-monitor';
import { WriterPositionInterceptor } from '../common/database/writer-position.interceptor';
import { FrameworkLogFilter } from '../common/logging/framework-log-filter';
import { ROOT_LOGGER } from '../common/logging/logging.module';
import { logRequests } from '../common/logging/request-log';
import { scopeLogsToRequests } from '../common/logging/request-scope';
import { ProblemDetailsFilter } from '../common/problem/problem-details.filter';
import { AppRole, Env } from '../config/env.schema';
import { DrainState } from '../health/drain-state';
import { registerHttpMetrics } from '../metrics/http-metrics.hook';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { buildOpenApiDocument, serveOpenApi } from '../openapi/build-openapi-document';
import { refuseInvalidPreflights, registerInputGuards } from './input-guards';
import { registerSecurityHeaders } from './security-headers';
import { createValidationPipe } from './validation-pipe';

/** `/api/v1/...` for every route but `/metrics`; the spec builder needs exactly this too. */
export function applyApiRouting(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/**
 * Everything HTTP-wide. Fastify itself took the request id, `TRUST_PROXY` and the body limit
 * at construction (fastify-options.ts); here, in order: log lines carry the request id, echo
 * it (so even a body parse error carries it), the request log line, security headers, cookies,
 * CORS, metrics, then routing, validation and problem errors. `main.ts` and the e2e tests both call this, so tests exercise the real
 * pipeline. Every role gets it: a worker serves its probes and `/metrics` through it.
 */
export async function configureHttpApp(app: NestFastifyApplication, role: AppRole): Promise<void> {
  const config = app.get<ConfigService<Env, true>>(ConfigService);
  app.useLogger(new FrameworkLogFilter(app.get(Logger)));
  const fastify = app.getHttpAdapter().getInstance();

  // The API speaks JSON: any other body (text/plain included) is a 415 problem.
  fastify.removeContentTypeParser('text/plain');
  scopeLogsToRequests(fastify);
  registerInputGuards(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  // Draining: each answer closes its connection, so keep-alive clients reconnect elsewhere.
  const drain = app.get(DrainState);
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (drain.draining) reply.header('Connection', 'close');
    done(null, payload);
  });
  logRequests(fastify, app.get<PinoRootLogger>(ROOT_LOGGER));
  // Helmet's defaults, less `upgrade-insecure-requests`: on a plain-http address other than
  // localhost (a LAN IP) it makes browsers fetch every asset over https, which blanks Swagger UI
  // and the admin UI. Behind TLS requests are https already, so it adds nothing there.
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  await app.register(fastifyCookie); // the refresh cookie (auth routes only read it)
  const origins = config.get('CORS_ORIGINS', { infer: true });
  if (origins.length > 0) {
    refuseInvalidPreflights(fastify);
    app.enableCors({
      // A function, not the list: for any other origin (or none) CORS stays off entirely, so
      // no `Access-Control-Allow-Credentials` (nor any CORS header) is sent to it.
      origin: (origin, callback) =>
        callback(null, origin !== undefined && origins.includes(origin) ? origin : false),
      credentials: true,
      // An OPTIONS without Origin falls through to refuseInvalidPreflights: a 400 problem.
      strictPreflight: false,
      exposedHeaders: ['X-Request-Id', 'ETag', 'Location', 'Retry-After'],
    });
  }
  registerHttpMetrics(fastify, app.get(MetricsRegistry));

  applyApiRouting(app);
  app.useGlobalPipes(createValidationPipe());
  // Only with replicas: any global interceptor, even one that steps aside, puts every route
  // through Nest's interceptor chain (rxjs defers, AsyncResource.bind per request), 10-15 % of
  // a liveness probe's CPU (docs/benchmarks.md, step 6).
  if (app.get(ReplicaMonitor).enabled)
    app.useGlobalInterceptors(app.get(WriterPositionInterceptor));
  app.useGlobalFilters(new ProblemDetailsFilter());

  // A worker serves only its probes and /metrics: the contract belongs to the API.
  if (role !== 'worker') {
    serveOpenApi(app, buildOpenApiDocument(app), config.get('SWAGGER_UI_ENABLED', { infer: true }));
    // The admin UI at `/`, same origin as the API (DESIGN §6). One wildcard route: every API
    // route is more specific, so it always wins.
    const adminUiDir = config.get('ADMIN_UI_DIR', { infer: true });
    if (adminUiDir !== '') await serveAdminUi(app, adminUiDir);
  }
}
