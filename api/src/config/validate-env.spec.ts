import { InvalidEnvironmentError, validateEnv } from './validate-env';

const minimal = {
  DATABASE_URL: 'postgres://app:secret@db.internal:5432/tasktrackr',
  REDIS_URL: 'redis://cache.internal:6379',
};

describe('validateEnv', () => {
  it('applies documented defaults', () => {
    const env = validateEnv(minimal);
    expect(env).toMatchObject({
      APP_ROLE: 'all',
      PORT: 3000,
      CORS_ORIGINS: [],
      TRUST_PROXY: false,
      BODY_LIMIT: 100 * 1024,
      SWAGGER_UI_ENABLED: true,
    });
  });

  it('parses lists, numbers and trust-proxy forms', () => {
    expect(
      validateEnv({ ...minimal, CORS_ORIGINS: 'https://a.example, http://localhost:4200' })
        .CORS_ORIGINS,
    ).toEqual(['https://a.example', 'http://localhost:4200']);
    expect(validateEnv({ ...minimal, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(validateEnv({ ...minimal, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(validateEnv({ ...minimal, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(validateEnv({ ...minimal, SWAGGER_UI_ENABLED: 'false' }).SWAGGER_UI_ENABLED).toBe(false);
  });

  it('bounds PRINCIPAL_CACHE_TTL_MS to the one-second freshness promise', () => {
    expect(validateEnv(minimal).PRINCIPAL_CACHE_TTL_MS).toBe(1000);
    expect(validateEnv({ ...minimal, PRINCIPAL_CACHE_TTL_MS: '0' }).PRINCIPAL_CACHE_TTL_MS).toBe(0);
    expect(() => validateEnv({ ...minimal, PRINCIPAL_CACHE_TTL_MS: '1001' })).toThrow(
      /PRINCIPAL_CACHE_TTL_MS/,
    );
    expect(() => validateEnv({ ...minimal, PRINCIPAL_CACHE_TTL_MS: '-1' })).toThrow(
      /PRINCIPAL_CACHE_TTL_MS/,
    );
  });

  it('parses BODY_LIMIT sizes to bytes', () => {
    expect(validateEnv({ ...minimal, BODY_LIMIT: '512b' }).BODY_LIMIT).toBe(512);
    expect(validateEnv({ ...minimal, BODY_LIMIT: '1KB' }).BODY_LIMIT).toBe(1024);
    expect(validateEnv({ ...minimal, BODY_LIMIT: '2mb' }).BODY_LIMIT).toBe(2 * 1024 * 1024);
    expect(() => validateEnv({ ...minimal, BODY_LIMIT: '1gb' })).toThrow(
      /BODY_LIMIT must be a size/,
    );
  });

  it('names every bad or missing variable at once, never echoing values', () => {
    let error: unknown;
    try {
      validateEnv({ REDIS_URL: 'http://wrong-scheme', PORT: '70000', APP_ROLE: 'both' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const { problems, message } = error as InvalidEnvironmentError;
    expect(problems.map((problem) => problem.variable).sort()).toEqual([
      'APP_ROLE',
      'DATABASE_URL',
      'PORT',
      'REDIS_URL',
    ]);
    expect(message).toContain('DATABASE_URL is required');
    expect(message).toContain('REDIS_URL must be a URL starting with redis:// or rediss://');
    expect(message).not.toContain('wrong-scheme');
  });

  it('rejects origins with a path, which browsers never send', () => {
    expect(() => validateEnv({ ...minimal, CORS_ORIGINS: 'https://a.example/app' })).toThrow(
      /CORS_ORIGINS/,
    );
  });
});
