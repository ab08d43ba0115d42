import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../src/common/telemetry/start-tracing';
import { tracingSettingsOf } from '../../src/common/telemetry/tracing-settings';
import { FileSpanExporter } from './file-span-exporter';

/**
 * Test entry point: the production tracing setup (startTracing, the same instrumentations and
 * propagator) plus a processor writing every span to OTEL_TEST_SPAN_FILE, then the production
 * bootstrap. Tracing starts before main.ts is required, as register.ts does it in production;
 * register.ts then finds it started and leaves it be.
 */
const spanFile = process.env.OTEL_TEST_SPAN_FILE;
const settings = tracingSettingsOf(process.env);
if (!spanFile || !settings)
  throw new Error('traced-main needs OTEL_TEST_SPAN_FILE and valid OTEL_*');
startTracing(settings, [new SimpleSpanProcessor(new FileSpanExporter(spanFile))]);

void import('../../src/main').then(({ bootstrap }) =>
  bootstrap().catch((error: unknown) => {
    process.stderr.write(
      `traced-main failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  }),
);
