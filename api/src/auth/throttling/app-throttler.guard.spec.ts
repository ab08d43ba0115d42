import { Controller, ExecutionContext, Get, INestApplication, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  SkipThrottle,
  Throttle,
  ThrottlerGuard,
  ThrottlerModule,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppThrottlerGuard } from './app-throttler.guard';

/** Routes covering what the guard reads per route: skips, overrides on route and class. */
@Controller('plain')
class PlainController {
  @Get()
  plain(): string {
    return 'ok';
  }

  @Get('override')
  @Throttle({ default: { limit: 2, ttl: 60_000, blockDuration: 30_000 } })
  override(): string {
    return 'ok';
  }

  @Get('skipped')
  @SkipThrottle()
  skipped(): string {
    return 'ok';
  }
}

@Controller('classy')
@Throttle({ burst: { limit: 1, ttl: 60_000 } })
@SkipThrottle({ default: true })
class ClassController {
  @Get()
  classy(): string {
    return 'ok';
  }
}

const queryOf = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest<{ Querystring: { skip?: string } }>>().query;

function appModule(guard: Type<ThrottlerGuard>): Type<unknown> {
  @Module({
    imports: [
      ThrottlerModule.forRoot({
        storage: new ThrottlerStorageService(),
        throttlers: [
          { name: 'default', ttl: 60_000, limit: 3 },
          {
            name: 'burst',
            ttl: 60_000,
            limit: () => 4,
            skipIf: (context) => queryOf(context).skip === '1',
          },
        ],
      }),
    ],
    controllers: [PlainController, ClassController],
    providers: [{ provide: APP_GUARD, useClass: guard }],
  })
  class AppModule {}
  return AppModule;
}

async function start(guard: Type<ThrottlerGuard>): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [appModule(guard)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Status and the throttling headers in the order they were written. */
async function answer(app: INestApplication, url: string) {
  const response = await (app as NestFastifyApplication).inject({ method: 'GET', url });
  const headers = Object.entries(response.headers).filter(([name]) =>
    /^(x-ratelimit-|retry-after)/.test(name),
  );
  return { status: response.statusCode, headers };
}

/**
 * AppThrottlerGuard reads each route's limits once instead of per request; it must admit,
 * refuse and label answers exactly as the library's ThrottlerGuard does. Both guards run the
 * same sequence of requests, each against its own in-memory store (the library's).
 */
describe('AppThrottlerGuard against ThrottlerGuard', () => {
  let library: NestFastifyApplication;
  let ours: NestFastifyApplication;

  beforeAll(async () => {
    [library, ours] = await Promise.all([start(ThrottlerGuard), start(AppThrottlerGuard)]);
  });
  afterAll(async () => {
    await Promise.all([library?.close(), ours?.close()]);
  });

  it('gives the same statuses and throttling headers, request by request', async () => {
    const urls = [
      ...Array<string>(5).fill('/plain'),
      ...Array<string>(4).fill('/plain/override'),
      ...Array<string>(3).fill('/plain/skipped'),
      '/classy?skip=1',
      ...Array<string>(3).fill('/classy'),
    ];
    const statuses: number[] = [];
    for (const url of urls) {
      const expected = await answer(library, url);
      const actual = await answer(ours, url);
      // Reset counts whole seconds left in the window: the two stores' clocks may straddle one.
      const withoutReset = (headers: [string, unknown][]) =>
        headers.filter(([name]) => !name.startsWith('x-ratelimit-reset'));
      expect({ url, status: actual.status, names: actual.headers.map(([name]) => name) }).toEqual({
        url,
        status: expected.status,
        names: expected.headers.map(([name]) => name),
      });
      expect(withoutReset(actual.headers)).toEqual(withoutReset(expected.headers));
      statuses.push(actual.status);
    }
    // The sequence did reach every case: admitted, refused by each limit, skipped.
    expect(statuses).toEqual([
      200, 200, 200, 429, 429, 200, 200, 429, 429, 200, 200, 200, 200, 200, 429, 429,
    ]);
  });
});
