import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/with-timeout';

/** Ready only when the database schema is at the version this build expects. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: 'migrations', timeoutMs: number) {
    const check = this.indicators.check(key);
    try {
      const pending = await withTimeout(this.dataSource.showMigrations(), timeoutMs, 'Postgres');
      return pending ? check.down({ message: 'migrations are pending' }) : check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : 'unknown' });
    }
  }
}
