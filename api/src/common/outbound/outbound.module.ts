import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.schema';
import { parseAllowList } from './address-policy';
import { OutboundHttpClient } from './outbound-http-client';

/** The one SSRF-guarded client for calls to user-chosen URLs (webhooks, audit streams). */
@Global()
@Module({
  providers: [
    {
      provide: OutboundHttpClient,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        new OutboundHttpClient({
          allow: parseAllowList(config.get('OUTBOUND_ALLOW_HOSTS', { infer: true })),
          allowHttp: config.get('OUTBOUND_ALLOW_HTTP', { infer: true }),
        }),
    },
  ],
  exports: [OutboundHttpClient],
})
export class OutboundModule {}
