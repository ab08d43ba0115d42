import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../../api/src/bootstrap/create-http-app';
import { ALLOWED_ORIGIN } from './request-model';

export interface FuzzApp {
  app: NestFastifyApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Settings of the app under fuzz, over the environment's: CORS on (so its paths run), the
 * general rate limit out of the way (else most of one principal's traffic would be 429s; the
 * per-email sign-in limit stays, so 429 problems are still met), access tokens that outlive
 * the run, audit export files in `exportDir`.
 */
export function fuzzConfig(options: {
  exportDir: string;
  runSeconds: number;
}): Record<string, string> {
  return {
    CORS_ORIGINS: ALLOWED_ORIGIN,
    THROTTLE_LIMIT: '1000000',
    THROTTLE_AUTH_LIMIT_PER_IP: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: String(Math.max(900, options.runSeconds + 600)),
    AUDIT_EXPORT_DIR: options.exportDir,
    REGISTRATION_OPEN: 'true',
  };
}

/** The real app, in process, built by the same bootstrap as `main.ts`, on a free loopback port. */
export async function startFuzzApp(configOverrides: Record<string, string>): Promise<FuzzApp> {
  const app = await createHttpApp({ role: 'all', configOverrides });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
