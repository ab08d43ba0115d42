import { existsSync } from 'node:fs';
import { startTracing } from './start-tracing';
import { tracingSettingsOf } from './tracing-settings';

// Imported first by main.ts, for its side effect: tracing starts before Nest, pg, ioredis and
// Fastify are required. It reads .env as main.ts does (that happens later, too late for this).
// Without an OTLP endpoint nothing starts: the instrumentations alone cost 11-13 % of the API's
// CPU even with no exporter (docs/operations.md, "Tracing"), for traces nobody would receive.
if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
const settings = tracingSettingsOf(process.env);
if (settings?.otlpEndpoint) startTracing(settings);
