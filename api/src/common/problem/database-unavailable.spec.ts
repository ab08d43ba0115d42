import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

/** A node-postgres error as the driver raises it: a message and, from the server, a SQLSTATE. */
function pgError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('isDatabaseUnavailable', () => {
  it('recognises a server shutting down or starting up, also wrapped by TypeORM', () => {
    const terminated = pgError('terminating connection due to administrator command', '57P01');
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('COMMIT', [], terminated))).toBe(true);
    expect(isDatabaseUnavailable(pgError('the database system is shutting down', '57P03'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(pgError('the database system is starting up', '57P03'))).toBe(
      true,
    );
  });

  it('recognises connections refused, cut or timed out', () => {
    expect(
      isDatabaseUnavailable(pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    ).toBe(true);
    expect(isDatabaseUnavailable(pgError('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('timeout exceeded when trying to connect'))).toBe(true);
    const cut = new QueryFailedError('SELECT 1', [], pgError('Connection terminated unexpectedly'));
    expect(isDatabaseUnavailable(cut)).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('x', 'ECONNRESET') }))).toBe(
      true,
    );
  });

  it('recognises a transaction whose connection TypeORM released when it was lost', () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it('leaves errors of the request itself, and anything else, alone', () => {
    expect(
      isDatabaseUnavailable(pgError('duplicate key value violates unique constraint', '23505')),
    ).toBe(false);
    expect(
      isDatabaseUnavailable(new QueryFailedError('SELECT', [], pgError('syntax error', '42601'))),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
