import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** The log fields naming a span (OpenTelemetry's log data model spells them this way). */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
}

/** `trace_id` and `span_id` of the span running now; none outside a trace. A fresh object. */
export function activeTraceFields(): TraceFields {
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/** The trace id of the span running now, or null outside a trace. */
export function activeTraceId(): string | null {
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? span.traceId : null;
}
