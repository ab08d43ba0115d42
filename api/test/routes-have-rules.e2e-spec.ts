import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUTH_RULE_KEY, AuthRule } from '../src/common/access/auth-rule';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Deny by default, proven on the real app: every HTTP route of every controller declares an
 * access rule (`@Public()` or `@Authenticated()`), and a route without one is refused.
 */
describe('every route has an access rule (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  function routes() {
    const discovery = app.app.get(DiscoveryService);
    const scanner = app.app.get(MetadataScanner);
    const reflector = app.app.get(Reflector);
    return discovery.getControllers().flatMap((wrapper) => {
      const instance = wrapper.instance as object | undefined;
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!instance || !controller) return [];
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      return scanner
        .getAllMethodNames(prototype)
        .map((name) => ({ name, handler: prototype[name] as (...args: unknown[]) => unknown }))
        .filter(({ handler }) => Reflect.hasMetadata(PATH_METADATA, handler))
        .map(({ name, handler }) => ({
          route: `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${controller.name}.${name}`,
          rule: reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE_KEY, [
            handler,
            controller,
          ]),
        }));
    });
  }

  it('finds the routes of the real app (the walk works)', () => {
    const names = routes().map((r) => r.route);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET UsersController.me',
        'POST AuthController.login',
        'POST WebhooksController.create',
      ]),
    );
    expect(names.length).toBeGreaterThan(10);
  });

  it('declares a rule on every route', () => {
    const missing = routes()
      .filter((r) => r.rule === undefined)
      .map((r) => r.route);
    expect(missing).toEqual([]);
  });
});
