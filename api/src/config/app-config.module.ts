import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from './validate-env';

export interface AppConfigOptions {
  /** Values that win over process.env: tests use them to run differently configured apps. */
  overrides?: Record<string, string | undefined>;
}

/**
 * @nestjs/config fed by our zod schema. The validated object is loaded as the config itself
 * (not written back into process.env), so `ConfigService<Env, true>.get` returns typed values
 * and start-up fails naming any bad or missing variable. `.env` is read once by `main.ts`.
 */
@Module({})
export class AppConfigModule {
  static forRoot(options: AppConfigOptions = {}): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          ignoreEnvFile: true,
          load: [() => validateEnv({ ...process.env, ...options.overrides })],
        }),
      ],
      exports: [ConfigModule],
    };
  }
}
