import { envSchema } from '../../config/env.schema';

/** What starting the tracer needs, read before Nest (and its config module) exists. */
export interface TracingSettings {
  serviceName: string;
  /** OTLP/HTTP base URL; empty: no exporter. */
  otlpEndpoint: string;
}

const tracingEnv = envSchema.pick({
  APP_ROLE: true,
  OTEL_EXPORTER_OTLP_ENDPOINT: true,
  OTEL_SERVICE_NAME: true,
});

/**
 * The tracing variables of `raw`, with the schema's rules, or undefined when they are invalid:
 * the app's full validation then reports them and stops the process.
 */
export function tracingSettingsOf(raw: Record<string, unknown>): TracingSettings | undefined {
  const parsed = tracingEnv.safeParse(raw);
  if (!parsed.success) return undefined;
  const env = parsed.data;
  return {
    serviceName:
      env.OTEL_SERVICE_NAME || (env.APP_ROLE === 'worker' ? 'tasktrackr-worker' : 'tasktrackr-api'),
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
}
