import type { LoggerService } from '@nestjs/common';
import { FrameworkLogFilter } from './framework-log-filter';
import { prettyMessage, prettyStream, wantsPrettyLogs } from './log-format';

const colors = {} as Parameters<typeof prettyMessage>[3];

describe('log format', () => {
  it('is readable only for a terminal outside production', () => {
    expect(wantsPrettyLogs('development', true)).toBe(true);
    expect(wantsPrettyLogs('test', true)).toBe(true);
    expect(wantsPrettyLogs('production', true)).toBe(false);
    expect(wantsPrettyLogs('development', false)).toBe(false);
  });

  it('shows the context, and a request line with its request and user ids', () => {
    expect(prettyMessage({ context: 'Bootstrap', msg: 'up' }, 'msg', 'info', colors)).toBe(
      '[Bootstrap] up',
    );
    expect(
      prettyMessage(
        { msg: 'GET /api/v1/tasks 200 3ms', req: { id: 'r-1' }, userId: 'u-1' },
        'msg',
        'info',
        colors,
      ),
    ).toBe('GET /api/v1/tasks 200 3ms (req r-1, user u-1)');
  });

  it('finds pino-pretty (a devDependency) in development', async () => {
    await expect(prettyStream()).resolves.toBeDefined();
  });
});

describe('FrameworkLogFilter', () => {
  const calls: string[] = [];
  const inner: LoggerService = {
    log: (message: string) => calls.push(`log ${message}`),
    debug: (message: string) => calls.push(`debug ${message}`),
    error: (message: string) => calls.push(`error ${message}`),
    warn: (message: string) => calls.push(`warn ${message}`),
  };

  it("moves Nest's route and module inventory to debug, and nothing else", () => {
    const filter = new FrameworkLogFilter(inner);
    filter.log('Mapped {/api/tasks, GET} (version: 1) route', 'RouterExplorer');
    filter.log('TasksController {/api/tasks}: (version: 1)', 'RoutesResolver');
    filter.log('AppModule dependencies initialized', 'InstanceLoader');
    filter.log('all role serving the API', 'Bootstrap');
    filter.warn('careful', 'Redis');
    expect(calls).toEqual([
      'debug Mapped {/api/tasks, GET} (version: 1) route',
      'debug TasksController {/api/tasks}: (version: 1)',
      'debug AppModule dependencies initialized',
      'log all role serving the API',
      'warn careful',
    ]);
  });
});
