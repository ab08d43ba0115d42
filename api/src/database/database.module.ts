import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env.schema';
import { runMigrationsLocked } from './run-migrations';
import { typeormOptions } from './typeorm-options';

/** Postgres through TypeORM; migrations are applied before any other module sees the pool. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        ...typeormOptions({
          url: config.get('DATABASE_URL', { infer: true }),
          poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
          connectTimeoutMs: config.get('DATABASE_CONNECT_TIMEOUT_MS', { infer: true }),
          queryTimeoutMs: config.get('DATABASE_QUERY_TIMEOUT_MS', { infer: true }),
          applicationName: `tasktrackr-${config.get('APP_ROLE', { infer: true })}`,
          entities: [],
        }),
        // Each module registers its own entities (TypeOrmModule.forFeature).
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('TypeORM options are missing');
        const dataSource = await new DataSource(options).initialize();
        await runMigrationsLocked(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
