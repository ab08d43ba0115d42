import { QueryFailedError } from 'typeorm';
import {
  FOREIGN_KEY_VIOLATION,
  INVALID_TEXT_REPRESENTATION,
  isPgError,
  UNIQUE_VIOLATION,
} from './pg-errors';

/** What the `pg` driver throws: an Error with the SQLSTATE as `code`. */
function driverError(code: string): Error & { code: string } {
  return Object.assign(new Error('database said no'), { code });
}

describe('isPgError', () => {
  it('reads the SQLSTATE of a pg driver error', () => {
    expect(isPgError(driverError(UNIQUE_VIOLATION), UNIQUE_VIOLATION)).toBe(true);
    expect(isPgError(driverError(UNIQUE_VIOLATION), FOREIGN_KEY_VIOLATION)).toBe(false);
  });

  it('reads the SQLSTATE of a TypeORM QueryFailedError through its driverError', () => {
    const error = new QueryFailedError('SELECT 1', [], driverError(INVALID_TEXT_REPRESENTATION));
    expect(isPgError(error, INVALID_TEXT_REPRESENTATION)).toBe(true);
    expect(isPgError({ driverError: { code: FOREIGN_KEY_VIOLATION } }, FOREIGN_KEY_VIOLATION)).toBe(
      true,
    );
  });

  it('without a code, tells any Postgres error from everything else', () => {
    expect(isPgError(driverError(UNIQUE_VIOLATION))).toBe(true);
    expect(isPgError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPgError(new Error('plain'))).toBe(false);
    expect(isPgError(null)).toBe(false);
    expect(isPgError('23505')).toBe(false);
  });
});
