import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, AppModuleOptions } from '../app.module';
import { configureHttpApp } from './configure-http-app';

/** Builds the fully configured HTTP app (not yet listening). */
export async function createHttpApp(options: AppModuleOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    // Registered by configureHttpApp with our size limit; Nest's default would run first.
    bodyParser: false,
  });
  configureHttpApp(app);
  return app;
}
