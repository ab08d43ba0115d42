import { appendFileSync } from 'node:fs';
import type { SpanKind } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** One finished span as a line of the span file: what the tracing spec reads back. */
export interface SpanLine {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  scope: string;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
  service: unknown;
}

/**
 * Test support: writes each finished span as a JSON line to a file, so a test can read the
 * spans of an app running in a process of its own (its in-memory exporter would be out of
 * reach there). Synchronous appends: a span is on disk once it ended, no flush needed.
 */
export class FileSpanExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const lines = spans.map((span) => {
      const line: SpanLine = {
        name: span.name,
        kind: span.kind,
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        parentSpanId: span.parentSpanContext?.spanId ?? null,
        scope: span.instrumentationScope.name,
        attributes: { ...span.attributes },
        links: span.links.map((link) => ({
          traceId: link.context.traceId,
          spanId: link.context.spanId,
        })),
        service: span.resource.attributes['service.name'],
      };
      return `${JSON.stringify(line)}\n`;
    });
    appendFileSync(this.file, lines.join(''));
    done({ code: 0 });
  }

  async shutdown(): Promise<void> {}
}
