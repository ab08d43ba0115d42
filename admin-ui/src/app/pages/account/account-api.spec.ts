import { TestBed } from '@angular/core/testing';
import { createTaskTrackrClient, type Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { AccountApi, withoutValue } from './account-api';

function setup(body: unknown) {
  const fetchFn = async (): Promise<Response> =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  TestBed.configureTestingModule({
    providers: [
      {
        provide: Api,
        useValue: {
          client: createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: fetchFn }),
        },
      },
    ],
  });
  return TestBed.inject(AccountApi);
}

const session = (id: string, lastUsedAt: string, current = false): Schema<'Session'> => ({
  id,
  current,
  lastUsedAt,
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-02-01T00:00:00.000Z',
  ip: '127.0.0.1',
  userAgent: null,
});

describe('AccountApi', () => {
  it('lists this device first, then the most recently used sessions', async () => {
    const api = setup([
      session('old', '2026-01-02T00:00:00.000Z'),
      session('mine', '2026-01-01T00:00:00.000Z', true),
      session('new', '2026-01-05T00:00:00.000Z'),
    ]);
    const sessions = await api.sessions();
    expect(sessions.map((s) => s.id)).toEqual(['mine', 'new', 'old']);
  });

  it('lists tokens newest first', async () => {
    const token = (id: string, createdAt: string): Schema<'ApiToken'> => ({
      id,
      createdAt,
      name: id,
      prefix: 'tt_abcd',
      scopes: ['tasks:read'],
      expiresAt: null,
      lastUsedAt: null,
    });
    const api = setup([token('a', '2026-01-01T00:00:00Z'), token('b', '2026-01-03T00:00:00Z')]);
    expect((await api.tokens()).map((t) => t.id)).toEqual(['b', 'a']);
  });
});

describe('withoutValue', () => {
  it('drops the secret so the list never holds it', () => {
    const listed = withoutValue({
      id: 't1',
      name: 'CI',
      prefix: 'tt_3kq9',
      scopes: ['tasks:read'],
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: null,
      lastUsedAt: null,
      token: 'tt_3kq9secret',
    });
    expect(listed).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain('secret');
  });
});
