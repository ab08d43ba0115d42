import { existsSync } from 'node:fs';
import { startTracing } from './start-tracing';
import { tracingSettingsOf } from './tracing-settings';

// Imported first by main.ts, for its side effect: tracing starts before Nest, pg, ioredis and
// Fastify are required. It reads .env as main.ts does (that happens later, too late for this).
if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
const settings = tracingSettingsOf(process.env);
if (settings) startTracing(settings);
