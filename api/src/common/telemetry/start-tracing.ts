import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { FastifyInstrumentation } from '@opentelemetry/instrumentation-fastify';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from 'node:http';
import { isProbeOrScrape } from '../logging/request-log';
import type { TracingSettings } from './tracing-settings';

let sdk: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry SDK: W3C trace context in and out, spans for HTTP, Fastify, pg and
 * ioredis. It must run before those modules are first required (instrumentations patch them at
 * require time): `register.ts`, the first import of main.ts, calls it.
 *
 * With an OTLP endpoint, spans are batched to it; `spanProcessors` are added (a test's file
 * exporter, a bench's). Without either, no tracer provider is registered and spans are the
 * API's non-recording ones (register.ts then does not call this at all). Only the first call
 * in a process starts anything (a test entry starts it with its own processors before main.ts
 * is loaded).
 */
export function startTracing(
  settings: TracingSettings,
  spanProcessors: SpanProcessor[] = [],
): void {
  if (sdk) return;
  const processors = settings.otlpEndpoint
    ? // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _HEADERS, _TIMEOUT) itself.
      [...spanProcessors, new BatchSpanProcessor(new OTLPTraceExporter())]
    : spanProcessors;
  sdk = new NodeSDK({
    serviceName: settings.serviceName,
    textMapPropagator: new W3CTraceContextPropagator(),
    spanProcessors: processors,
    // Traces only: no metrics or logs pipelines from OTEL_* defaults (Prometheus has /metrics).
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would drown the traces, as they would the log.
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          isProbeOrScrape({ url: request.url }),
        // Outgoing calls (witnesses) only as part of a trace, never as roots of their own.
        requireParentforOutgoingSpans: true,
      }),
      new FastifyInstrumentation(),
      // Statements without their parameters (enhancedDatabaseReporting off): no values leak.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
}

/** Sends the spans still buffered, then stops the SDK (after the app closed). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
