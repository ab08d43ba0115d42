import {
  context,
  isSpanContextValid,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

const tracer = trace.getTracer('tasktrackr');

/** W3C trace context as a queue job carries it in its data (`traceparent`, `tracestate`). */
export type TraceCarrier = Record<string, string>;

/** The W3C trace context of the code running now, for a job's data; empty outside a trace. */
export function activeTraceCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The `traceparent` of the code running now, or null outside a trace. */
export function activeTraceparent(): string | null {
  return activeTraceCarrier().traceparent ?? null;
}

/**
 * Runs `enqueue` inside a PRODUCER span named `<queue> <job> publish` and hands it the carrier
 * of that span, so the job's consumer span becomes its child.
 */
export function withProducerSpan<T>(
  queue: string,
  job: string,
  enqueue: (carrier: TraceCarrier) => Promise<T>,
): Promise<T> {
  const attributes = { 'messaging.system': 'bull', 'messaging.destination.name': queue };
  return tracer.startActiveSpan(
    `${queue} ${job} publish`,
    { kind: SpanKind.PRODUCER, attributes },
    (span) => endWith(span, enqueue(activeTraceCarrier())),
  );
}

/**
 * Runs a queue job inside a CONSUMER span named `<queue> <job> process`, the child of the
 * context its data carried (a new trace when it carried none).
 */
export function withConsumerSpan<T>(
  queue: string,
  job: string,
  carrier: TraceCarrier | undefined,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, carrier ?? {});
  const attributes = { 'messaging.system': 'bull', 'messaging.destination.name': queue };
  return tracer.startActiveSpan(
    `${queue} ${job} process`,
    { kind: SpanKind.CONSUMER, attributes },
    parent,
    (span) => endWith(span, work(span)),
  );
}

/**
 * Links the running span to each distinct trace of `traceparents` other than its own (the
 * requests whose work it also did, beyond the one it continues).
 */
export function linkActiveSpanTo(traceparents: Iterable<string | null>): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  const own = span.spanContext().traceId;
  const seen = new Set<string>([own]);
  const links: Link[] = [];
  for (const traceparent of traceparents) {
    if (!traceparent) continue;
    const linked = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
    if (!linked || !isSpanContextValid(linked) || seen.has(linked.traceId)) continue;
    seen.add(linked.traceId);
    links.push({ context: linked });
  }
  if (links.length > 0) span.addLinks(links);
}

async function endWith<T>(span: Span, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
