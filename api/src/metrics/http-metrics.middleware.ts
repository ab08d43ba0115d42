import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

/**
 * Times every request. The route label is the matched template (`/api/v1/tasks/:id`), never
 * the raw URL, so ids and probes of unknown paths cannot blow up label cardinality.
 */
export function httpMetricsMiddleware(metrics: MetricsRegistry) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const route = req.route as { path?: unknown } | undefined;
      const path = typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : undefined;
      // Nest answers unknown paths from a catch-all route (`/api/{*path}`): count those together.
      const template = path === undefined || path.includes('{*') ? 'unmatched' : path;
      stop({ method: req.method, route: template, status_code: String(res.statusCode) });
    });
    next();
  };
}
