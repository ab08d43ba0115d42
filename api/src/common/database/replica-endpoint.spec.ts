import { replicaEndpoints, replicaLabel } from './replica-endpoint';

describe('replica labels', () => {
  it('are host:port/database, never the credentials', () => {
    expect(replicaLabel('postgres://app:s3cret@Replica-1.DB:6432/tasktrackr?sslmode=require')).toBe(
      'replica-1.db:6432/tasktrackr',
    );
    expect(replicaLabel('postgresql://app:s3cret@10.0.0.7/tasktrackr')).toBe(
      '10.0.0.7:5432/tasktrackr',
    );
    // libpq's default database is the user's name.
    expect(replicaLabel('postgres://reader@replica')).toBe('replica:5432/reader');
  });

  it('list a replica given twice (say with another user) once', () => {
    const endpoints = replicaEndpoints([
      'postgres://a:x@r1:5432/db',
      'postgres://b:y@r1/db',
      'postgres://a:x@r2/db',
    ]);
    expect(endpoints.map((endpoint) => endpoint.label)).toEqual(['r1:5432/db', 'r2:5432/db']);
    expect(endpoints[0].url).toBe('postgres://a:x@r1:5432/db');
  });
});
