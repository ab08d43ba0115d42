import { ParseUUIDPipe, type INestApplication, type Type } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { THROTTLER_SKIP } from '@nestjs/throttler/dist/throttler.constants';
import { STRICT_THROTTLE_KEY } from '../common/throttling/strict-throttle.decorator';

/** @nestjs/swagger's metadata key for `@ApiOperation` (not exported from its public API). */
const API_OPERATION_METADATA = 'swagger/apiOperation';

/**
 * Which rate limits a route is under (api/src/auth/throttling): `none` when `@SkipThrottle()`
 * exempts it (probes), `default` for the general per-caller limit every other route has, and
 * `strict` when `@StrictThrottle()` adds the per-IP and per-email sign-in limits.
 */
export type RateLimit = 'none' | 'default' | 'strict';

export interface DocumentedRoute {
  operationId: string;
  controller: Type<unknown>;
  methodName: string;
  handler: object;
  rateLimit: RateLimit;
  /** Path parameters the route parses with ParseUUIDPipe (anything else is a 400). */
  uuidParams: string[];
}

/** The operationId of a route without an explicit one (every route should name its own). */
export function defaultOperationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`;
}

/**
 * Every HTTP route handler of the app's controllers, read from the same metadata the guards
 * read. Works in Nest's preview mode (no provider instantiated), so the spec writer can use it.
 */
export function documentedRoutes(app: INestApplication): DocumentedRoute[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: DocumentedRoute[] = [];
  const seen = new Set<Type<unknown>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const methodName of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[methodName];
        if (typeof handler !== 'function' || !Reflect.hasMetadata(PATH_METADATA, handler)) continue;
        const operation = Reflect.getMetadata(API_OPERATION_METADATA, handler) as
          { operationId?: string } | undefined;
        const skipped =
          reflector.getAllAndOverride<boolean | undefined>(`${THROTTLER_SKIP}default`, [
            handler,
            controller,
          ]) === true;
        const strict = Reflect.getMetadata(STRICT_THROTTLE_KEY, handler) === true;
        routes.push({
          operationId: operation?.operationId ?? defaultOperationId(controller.name, methodName),
          controller,
          methodName,
          handler,
          rateLimit: strict ? 'strict' : skipped ? 'none' : 'default',
          uuidParams: uuidParamsOf(controller, methodName),
        });
      }
    }
  }
  return routes;
}

function uuidParamsOf(controller: Type<unknown>, methodName: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<
    string,
    { data?: unknown; pipes?: unknown[] }
  >;
  return Object.entries(args).flatMap(([key, { data, pipes = [] }]) =>
    key.startsWith(`${RouteParamtypes.PARAM}:`) &&
    typeof data === 'string' &&
    pipes.some((pipe) => pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe)
      ? [data]
      : [],
  );
}
