/* eslint-disable @typescript-eslint/no-unsafe-function-type -- Nest's handlers and controller classes are plain Functions */

/**
 * Per-route memo of something read from decorator metadata (a guard's rule): Nest hands guards
 * the same handler and controller objects on every request, and metadata is fixed once the app
 * has started, so the reflector's lookups (two `Reflect.getMetadata` walks) run once per route
 * instead of once per request. Keyed by controller, then handler: one handler function can
 * serve several controllers through inheritance.
 */
export class RouteMetadataMemo<T> {
  private readonly byController = new WeakMap<Function, Map<Function, T>>();

  constructor(private readonly read: (handler: Function, controller: Function) => T) {}

  get(handler: Function, controller: Function): T {
    let byHandler = this.byController.get(controller);
    if (byHandler === undefined) {
      byHandler = new Map();
      this.byController.set(controller, byHandler);
    }
    if (byHandler.has(handler)) return byHandler.get(handler) as T;
    const value = this.read(handler, controller);
    byHandler.set(handler, value);
    return value;
  }
}
