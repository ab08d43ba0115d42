import { INestApplication, ValidationPipe, VersioningType } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { assignRequestId } from '../common/logging/request-id';
import { ProblemDetailsFilter } from '../common/problem/problem-details.filter';
import { validationProblem } from '../common/problem/validation-errors';
import { Env } from '../config/env.schema';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { buildOpenApiDocument, serveOpenApi } from '../openapi/build-openapi-document';

/** `/api/v1/...` for every route but `/metrics`; the spec builder needs exactly this too. */
export function applyApiRouting(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/**
 * Everything HTTP-wide, in order: request id first (so even a body-parser error carries it),
 * security headers, CORS, body limit, metrics, then routing, validation and problem errors.
 * `main.ts` and the e2e tests both call this, so tests exercise the real pipeline.
 */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get<ConfigService<Env, true>>(ConfigService);
  app.useLogger(app.get(Logger));

  app.set('trust proxy', config.get('TRUST_PROXY', { infer: true }));
  app.use((req: { id?: unknown }, res: Parameters<typeof assignRequestId>[1], next: () => void) => {
    req.id = assignRequestId(req as Parameters<typeof assignRequestId>[0], res);
    next();
  });
  app.use(helmet());
  app.use(cookieParser()); // the refresh cookie (auth routes only read it)
  const origins = config.get('CORS_ORIGINS', { infer: true });
  if (origins.length > 0) {
    app.enableCors({
      origin: origins,
      credentials: true,
      exposedHeaders: ['X-Request-Id', 'ETag', 'Location', 'Retry-After'],
    });
  }
  app.useBodyParser('json', { limit: config.get('BODY_LIMIT', { infer: true }) });
  app.use(httpMetricsMiddleware(app.get(MetricsRegistry)));

  applyApiRouting(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationProblem,
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());

  serveOpenApi(app, buildOpenApiDocument(app), config.get('SWAGGER_UI_ENABLED', { infer: true }));
}
