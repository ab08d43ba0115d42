/**
 * Child process: the real TaskTrackr API (role `api`), configured from the environment the
 * driver passes, on a free loopback port. Reports its port over IPC.
 *
 * BENCH_API_DIST (a directory holding a `nest build` output) runs that built JavaScript instead
 * of the TypeScript sources under ts-node: what production runs, and the only way to compare two
 * builds side by side. BENCH_CPU_PROF_DIR turns on the V8 sampling profiler on the driver's
 * command, so each profile covers one scenario's measured window and nothing else (no start-up).
 * BENCH_TRACING: `on` starts the OpenTelemetry SDK as production does without an OTLP endpoint
 * (instrumentations, no exporter); `record` also registers a span processor that drops every
 * span, so spans are recorded as with an exporter (minus the export itself); unset: no SDK.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppModuleOptions } from '../../../api/src/app.module';
import { isProfileCommand, LOOPBACK, type ChildMessage } from './protocol';

type CreateHttpApp = (options: AppModuleOptions) => Promise<NestFastifyApplication>;

async function loadCreateHttpApp(): Promise<CreateHttpApp> {
  const dist = process.env.BENCH_API_DIST;
  const module = (
    dist
      ? await import(join(resolve(dist), 'api', 'src', 'bootstrap', 'create-http-app.js'))
      : await import('../../../api/src/bootstrap/create-http-app')
  ) as { createHttpApp: CreateHttpApp };
  return module.createHttpApp;
}

/** Sampling profiles on command; 200 µs between samples (V8's default is 1 ms). */
function serveProfiles(dir: string): void {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((done, fail) =>
      session.post(method, params, (error, result) => (error ? fail(error) : done(result))),
    );
  void post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 200 }));
  process.on('message', (message: unknown) => {
    if (!isProfileCommand(message)) return;
    if (message.type === 'profile-start') {
      void post('Profiler.start');
      return;
    }
    void post('Profiler.stop').then((result) => {
      const path = join(dir, `${message.name}.cpuprofile`);
      writeFileSync(path, JSON.stringify((result as { profile: unknown }).profile));
      const written: ChildMessage = { type: 'profile-written', path };
      process.send?.(written);
    });
  });
}

/** Before the app's modules load: instrumentations patch them as they are required. */
async function startTracingIfAsked(): Promise<void> {
  const mode = process.env.BENCH_TRACING;
  if (mode !== 'on' && mode !== 'record') return;
  const { startTracing } = await import('../../../api/src/common/telemetry/start-tracing');
  const { NoopSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const settings = { serviceName: 'tasktrackr-bench', otlpEndpoint: '' };
  startTracing(settings, mode === 'record' ? [new NoopSpanProcessor()] : []);
}

async function main(): Promise<void> {
  await startTracingIfAsked();
  const createHttpApp = await loadCreateHttpApp();
  const app = await createHttpApp({ role: 'api' });
  await app.listen(0, LOOPBACK);
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  if (profileDir) serveProfiles(profileDir);
  const { port } = app.getHttpServer().address() as { port: number };
  const ready: ChildMessage = { type: 'ready', port };
  process.send?.(ready);
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  const fatal: ChildMessage = {
    type: 'fatal',
    message: error instanceof Error ? error.message : String(error),
  };
  process.send?.(fatal);
  process.exit(1);
});
