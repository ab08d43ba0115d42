import type { Operation } from './openapi';

interface Route {
  operation: Operation;
  segments: Array<{ literal: string } | { param: string }>;
}

function segmentsOf(path: string): string[] {
  // The app ignores one trailing slash (`/api/v1/tasks/` is `/api/v1/tasks`).
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/');
}

/**
 * Which operation the server routes a request to. A hostile path parameter can land on
 * another route (`/tasks/{id}` with id `stats` is `getTaskStats`), and the response must be
 * judged by the operation that answered, not the one the request was generated for. Like the
 * server's router, a literal segment wins over a parameter.
 */
export class OperationRouter {
  private readonly routes: Route[];

  constructor(operations: readonly Operation[]) {
    this.routes = operations.map((operation) => ({
      operation,
      segments: segmentsOf(operation.pathTemplate).map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment)?.[1];
        return param === undefined ? { literal: segment } : { param };
      }),
    }));
  }

  match(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0] ?? '';
    const segments = segmentsOf(path);
    let best: { operation: Operation; literals: number } | undefined;
    for (const route of this.routes) {
      if (route.operation.method !== method || route.segments.length !== segments.length) continue;
      let literals = 0;
      const fits = route.segments.every((segment, index) => {
        const actual = segments[index] ?? '';
        if ('literal' in segment) {
          literals++;
          return segment.literal === actual;
        }
        return actual !== '';
      });
      if (fits && (best === undefined || literals > best.literals)) {
        best = { operation: route.operation, literals };
      }
    }
    return best?.operation;
  }
}
