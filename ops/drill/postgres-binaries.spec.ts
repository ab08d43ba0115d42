import { findPostgresBinaries } from './postgres-binaries';

describe('findPostgresBinaries', () => {
  it('finds initdb and postgres in the folder', () => {
    expect(findPostgresBinaries('/pg/bin', () => true)).toEqual({
      initdb: '/pg/bin/initdb',
      postgres: '/pg/bin/postgres',
    });
  });

  it('names exactly the binaries that are missing, where, and how to get them', () => {
    expect(() => findPostgresBinaries('/pg/bin', (path) => path.endsWith('initdb'))).toThrow(
      /\/pg\/bin\/postgres is missing .*apt-get install postgresql-15.*TT_DRILL_PG_BIN/,
    );
    expect(() => findPostgresBinaries('/nowhere', () => false)).toThrow(
      '/nowhere/initdb and /nowhere/postgres are missing',
    );
  });
});
