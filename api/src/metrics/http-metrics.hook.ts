import type { FastifyInstance } from 'fastify';
import { MetricsRegistry } from './metrics.registry';

/**
 * Times every request from Fastify's own clock. The route label is the matched template
 * (`/api/v1/tasks/:id`), never the raw URL, so ids and probes of unknown paths cannot blow up
 * label cardinality: anything the router did not match counts as `unmatched`.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const template = request.routeOptions.url;
    metrics.httpRequestDuration.observe(
      {
        method: request.method,
        route: template === undefined || template.includes('*') ? 'unmatched' : template,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
