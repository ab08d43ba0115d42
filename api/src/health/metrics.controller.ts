import { SkipThrottle } from '@nestjs/throttler';
import { Controller, Get, Header, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/access/public.decorator';
import { MetricsRegistry } from '../metrics/metrics.registry';

/** Prometheus scrape endpoint at `/metrics` (outside /api, as scrapers expect). */
// Probes and scrapes must never be rate limited.
@SkipThrottle()
@ApiExcludeController()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
